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
