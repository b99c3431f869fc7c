package io.striate.benchmark.marques2020;

import static org.assertj.core.api.Assertions.assertThat;

import io.striate.support.IntegrationTest;
import io.striate.support.Multipart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The admin import endpoint: scope, sha1 verification against Brain-Score's published files, unknown ids. */
class MarquesDataImportIntegrationTest extends IntegrationTest {
  private static final String PATH = "/api/v1/datasets/marques2020/assemblies/";

  @Test
  void onlyTheExactPublishedFileIsAcceptedAndOnlyFromAnAdministrator() {
    String user = userToken("importer");
    var forbidden = api.upload(PATH + "shapley.Ringach2002", user, () -> body(), Multipart.BOUNDARY);
    assertThat(forbidden.status()).isEqualTo(403);

    // the fixture has the right format but not the bytes Brain-Score published
    var mismatch = api.upload(PATH + "shapley.Ringach2002", ADMIN, () -> body(), Multipart.BOUNDARY);
    assertThat(mismatch.status()).as(mismatch.body()).isEqualTo(422);
    assertThat(mismatch.json().get("code").asString()).isEqualTo("marques-data-sha1-mismatch");
    assertThat(mismatch.json().get("hint").asString()).isNotBlank();

    var unknown = api.upload(PATH + "shapley.Ringach2099", ADMIN, () -> body(), Multipart.BOUNDARY);
    assertThat(unknown.status()).as(unknown.body()).isIn(404, 422);

    var catalogue = api.get("/api/v1/benchmarks", null).json().get("benchmarks");
    for (var b : catalogue) {
      if (b.get("id").asString().startsWith("Marques2020_Ringach2002")) {
        assertThat(b.get("available").asBoolean()).isFalse();
        assertThat(b.get("howToEnable").asString()).contains("/api/v1/datasets/marques2020/assemblies/");
      }
    }
  }

  private static java.io.InputStream body() {
    try {
      return new Multipart().file("file", "a.nc", Files.newInputStream(
          Path.of("src/test/resources/fixtures/marques2020/property_assembly.nc"))).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
