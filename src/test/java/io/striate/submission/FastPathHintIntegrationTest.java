package io.striate.submission;

import static org.assertj.core.api.Assertions.assertThat;

import io.striate.support.IntegrationTest;
import io.striate.support.Multipart;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The preflight's fast-path hint over HTTP: a TorchScript upload whose every module class has a Striate block carries
 * {@code metadata.preflight.fastPath} in the version-creation response and in the version read back, and shows on the
 * model page; one with a class Striate has no block for carries none (fixtures: tools/fastpath_fixtures.py).
 */
class FastPathHintIntegrationTest extends IntegrationTest {
  @Test
  void aVOneBlockUploadIsToldAboutVoneV1WithAMeasuredRatio() {
    String token = userToken("fast-path");
    long model = createModel(token, "vone-like");
    var r = upload(token, model, "fastpath_vone.pt");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    JsonNode preflight = r.json().path("metadata").path("preflight");
    JsonNode hint = preflight.path("fastPath");
    assertThat(hint.path("blocks").toString()).isEqualTo("[\"vone\"]");
    assertThat(hint.path("referenceSpec").asString()).isEqualTo("vone-v1");
    double cropped = hint.path("croppedMillisPerImage").asDouble();
    assertThat(cropped).isPositive().isLessThan(hint.path("specMillisPerImage").asDouble());
    assertThat(hint.path("ratio").asDouble()).isCloseTo(preflight.path("millisPerImage").asDouble() / cropped,
        org.assertj.core.api.Assertions.within(1e-9));
    assertThat(hint.at("/spec/layers/0/kernel").asInt()).isEqualTo(25);
    assertThat(hint.path("message").asString()).contains("has a Striate block (vone)", "RF cropping",
        "96 Gabor filters", "faster per image");

    var back = api.get("/api/v1/models/" + model, token);
    assertThat(back.json().path("versions").path(0).path("metadata").path("preflight").path("fastPath")
        .path("referenceSpec").asString()).as(back.body()).isEqualTo("vone-v1");
    var page = api.get("/models/" + model, null, "text/html");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("Faster as a block spec", "has a Striate block (vone)");
  }

  @Test
  void anUploadWithAClassStriateHasNoBlockForGetsNoHint() {
    String token = userToken("no-fast-path");
    long model = createModel(token, "gelu");
    var r = upload(token, model, "fastpath_unmapped.pt");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    JsonNode preflight = r.json().path("metadata").path("preflight");
    assertThat(preflight.path("millisPerImage").asDouble()).as("the preflight ran").isPositive();
    assertThat(preflight.path("fastPath").isNull() || preflight.path("fastPath").isMissingNode())
        .as(preflight.toString()).isTrue();
    assertThat(api.get("/models/" + model, null, "text/html").body()).doesNotContain("Faster as a block spec");
  }

  private io.striate.support.Api.Response upload(String token, long model, String fixture) {
    return api.upload("/api/v1/models/" + model + "/versions", token,
        () -> new Multipart().file("file", "model.pt", open(fixture)).build(), Multipart.BOUNDARY);
  }

  private static java.io.InputStream open(String fixture) {
    try {
      return Files.newInputStream(Path.of("src/test/resources/fixtures/runtime", fixture));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
