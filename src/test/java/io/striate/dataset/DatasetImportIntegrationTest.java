package io.striate.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.striate.support.IntegrationTest;
import io.striate.support.Multipart;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Admin import of a BrainIO recording set over HTTP (fixture written with xarray by tools/). */
class DatasetImportIntegrationTest extends IntegrationTest {
  private static final Path DIR = Path.of("src/test/resources/fixtures/predictivity/brainio");

  @Test
  void importsListsAndRejectsBadFilesWithoutLeavingAnything() {
    String path = "/api/v1/datasets?id=lab.http.public&visualDegrees=4&windowStartMs=50&windowEndMs=200";
    assertThat(api.upload(path, userToken("not-admin"), () -> body("assembly.nc"), Multipart.BOUNDARY).status())
        .isEqualTo(403);

    var bad = api.upload(path, ADMIN, () -> body("assembly_no_repetition.nc"), Multipart.BOUNDARY);
    assertThat(bad.status()).as(bad.body()).isEqualTo(422);
    assertThat(bad.json().get("code").asString()).startsWith("dataset-");
    assertThat(bad.json().get("hint").asString()).isNotBlank();
    assertThat(api.get("/api/v1/datasets", null).body()).doesNotContain("lab.http.public");

    var ok = api.upload(path, ADMIN, () -> body("assembly.nc"), Multipart.BOUNDARY);
    assertThat(ok.status()).as(ok.body()).isEqualTo(201);
    assertThat(ok.json().get("neuroids").asInt()).isEqualTo(3);
    assertThat(ok.json().get("stimuli").asInt()).isEqualTo(6);
    assertThat(api.get("/api/v1/datasets", null).body()).contains("lab.http.public");

    var again = api.upload(path, ADMIN, () -> body("assembly.nc"), Multipart.BOUNDARY);
    assertThat(again.status()).isEqualTo(409);
  }

  @Test
  void importsBrainScoresCompressedFormStatingItsParametersAndStorage() throws IOException {
    Path plain = Files.createTempFile("bs_uncompressed", ".nc");
    try (InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(DIR.resolve("bs_uncompressed.nc.gz")))) {
      Files.copy(in, plain, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    var packed = api.upload("/api/v1/datasets?id=lab.http.bs.compressed&visualDegrees=4", ADMIN,
        () -> bsBody(DIR.resolve("bs_compressed.nc")), Multipart.BOUNDARY);
    assertThat(packed.status()).as(packed.body()).isEqualTo(201);
    assertThat(packed.json().get("storage").asString()).startsWith("chunked 300x10x150").contains("deflate");
    assertThat(packed.json().get("parameters").get("windowStartMs").asString()).isEqualTo("50.0 (default)");
    assertThat(packed.json().get("parameters").get("visualDegrees").asString()).isEqualTo("4.0 (request)");
    assertThat(packed.json().get("repetitions").asInt()).isEqualTo(10);
    var contiguous = api.upload("/api/v1/datasets?id=lab.http.bs.uncompressed&visualDegrees=4", ADMIN,
        () -> bsBody(plain), Multipart.BOUNDARY);
    assertThat(contiguous.status()).as(contiguous.body()).isEqualTo(201);
    assertThat(contiguous.json().get("storage").asString()).startsWith("contiguous");
    assertThat(contiguous.json().get("neuroids").asInt()).isEqualTo(packed.json().get("neuroids").asInt());
    Files.deleteIfExists(plain);
  }

  @Test
  void aMisspelledFieldIsA400NamingItAndTheAcceptedOnes() {
    var r = api.upload("/api/v1/datasets?id=lab.http.typo&visualDegrees=4&sha1Assembly=abc", ADMIN,
        () -> body("assembly.nc"), Multipart.BOUNDARY);
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.json().get("field").asString()).isEqualTo("sha1Assembly");
    assertThat(r.json().get("hint").asString()).contains("checksum_assembly");
    assertThat(api.get("/api/v1/datasets", null).body()).doesNotContain("lab.http.typo");
  }

  @Test
  void aBenchmarksIdChecksItsShapeAndDefinition() {
    var shape = api.upload("/api/v1/datasets?id=movshon.FreemanZiemba2013.private", ADMIN,
        () -> body("assembly.nc"), Multipart.BOUNDARY);
    assertThat(shape.status()).as(shape.body()).isEqualTo(422);
    assertThat(shape.json().get("code").asString()).isEqualTo("dataset-shape-mismatch");
    assertThat(shape.json().get("detail").asString()).contains("315 images");
    var window = api.upload("/api/v1/datasets?id=movshon.FreemanZiemba2013.public&windowStartMs=70", ADMIN,
        () -> body("assembly.nc"), Multipart.BOUNDARY);
    assertThat(window.status()).as(window.body()).isEqualTo(422);
    assertThat(window.json().get("code").asString()).isEqualTo("dataset-definition-mismatch");
    assertThat(window.json().get("field").asString()).isEqualTo("windowStartMs");
    var noDegrees = api.upload("/api/v1/datasets?id=lab.http.nodegrees", ADMIN, () -> body("assembly.nc"),
        Multipart.BOUNDARY);
    assertThat(noDegrees.status()).as(noDegrees.body()).isEqualTo(400);
    assertThat(noDegrees.json().get("field").asString()).isEqualTo("visualDegrees");
    assertThat(api.get("/api/v1/datasets", null).body()).doesNotContain("movshon.FreemanZiemba2013");
  }

  private static InputStream bsBody(Path assembly) {
    try {
      return new Multipart()
          .file("assembly", "assembly.nc", Files.newInputStream(assembly))
          .file("stimulus_csv", "stimuli.csv", Files.newInputStream(DIR.resolve("bs_stimuli.csv")))
          .file("stimulus_zip", "stimuli.zip", Files.newInputStream(DIR.resolve("bs_stimuli.zip"))).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream body(String assembly) {
    try {
      return new Multipart()
          .file("assembly", assembly, Files.newInputStream(DIR.resolve(assembly)))
          .file("stimulus_csv", "stimuli.csv", Files.newInputStream(DIR.resolve("stimuli.csv")))
          .file("stimulus_zip", "stimuli.zip", Files.newInputStream(DIR.resolve("stimuli.zip"))).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
