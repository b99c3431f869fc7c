package io.striate.submission;

import static org.assertj.core.api.Assertions.assertThat;

import io.striate.model.runtime.Npz;
import io.striate.support.IntegrationTest;
import io.striate.support.Multipart;
import io.striate.support.TorchScriptArchives;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Hybrid specs over HTTP: a block front end and its TorchScript backbone in the same multipart request (parts
 * {@code spec} + {@code backbone}). The backbone is tools/runtime_fixtures.py's {@code tiny_dict.pt} behind an
 * identity front end, so its taps over HTTP must equal PyTorch's own outputs of that module for the fixture images
 * ({@code tiny_reference.npz}). Also the hostile paths: a backbone with a spec that has no torchscript layer, weights
 * with a hybrid spec, a hybrid without its backbone, a file that is not TorchScript, a tap the backbone does not return.
 */
class HybridSpecUploadIntegrationTest extends IntegrationTest {
  /** Largest |Striate − PyTorch| / max |PyTorch| of a tap (float32 on both sides). */
  static final double MAX_RELATIVE_ERROR = 1e-5;
  private static final String SPEC = """
      {"name": "hybrid-http", "input": {"size": 32, "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225],
       "visualDegrees": 8},
       "layers": [{"type": "identity", "name": "front"}, {"type": "torchscript", "name": "backbone"}],
       "taps": ["front", "conv1", "conv2"], "v1Layer": "conv1"}""";

  @Test
  void aBlockFrontEndAndItsTorchScriptBackboneUploadTogetherAndComputeAsPyTorch() throws Exception {
    String token = userToken("hybrid");
    long model = createModel(token, "hybrid-http");
    var created = upload(model, token, SPEC, "backbone", TorchScriptArchives.TINY_DICT);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().get("kind").asString()).isEqualTo("block_spec");
    assertThat(created.json().get("v1Layer").asString()).isEqualTo("conv1");
    assertThat(created.json().at("/metadata/preflight/taps").toString()).contains("\"conv2\"", "\"front\"");
    var again = upload(model, token, SPEC, "backbone", TorchScriptArchives.TINY_DICT);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("id").asLong()).isEqualTo(created.json().get("id").asLong());

    Map<String, Npz.Array> reference = Npz.resource("/fixtures/runtime/tiny_reference.npz");
    HttpResponse<byte[]> npz = activations(model, created.json().get("id").asLong(), token,
        png(reference.get("images"), 0));
    assertThat(npz.statusCode()).as(new String(npz.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    Map<String, Npz.Array> got = Npz.read(new ByteArrayInputStream(npz.body()));
    assertThat(error(got.get("input"), reference.get("input"), 0)).isLessThan(MAX_RELATIVE_ERROR);
    assertThat(error(got.get("front"), got.get("input"), 0)).isZero();
    for (String tap : new String[] {"conv1", "conv2"}) {
      double e = error(got.get(tap), reference.get("dict_" + tap), 0);
      System.out.printf("hybrid over HTTP %s: max relative error %.3g%n", tap, e);
      assertThat(e).as(tap).isLessThan(MAX_RELATIVE_ERROR);
    }
  }

  @Test
  void mismatchedPartsAreProblemsNamingThePart(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    String token = userToken("hybrid-hostile");
    long model = createModel(token, "hybrid-hostile");
    String plain = """
        {"name": "plain", "input": {"size": 32}, "layers": [{"type": "identity", "name": "front"}],
         "taps": ["front"]}""";
    var backboneWithoutHybrid = upload(model, token, plain, "backbone", TorchScriptArchives.TINY_DICT);
    assertThat(backboneWithoutHybrid.status()).as(backboneWithoutHybrid.body()).isEqualTo(422);
    assertThat(backboneWithoutHybrid.json().get("field").asString()).isEqualTo("backbone");
    assertThat(backboneWithoutHybrid.json().get("hint").asString()).contains("torchscript");

    Path weights = dir.resolve("w.npz");
    Files.write(weights, new byte[] {'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    var weightsWithHybrid = upload(model, token, SPEC, "weights", weights);
    assertThat(weightsWithHybrid.status()).as(weightsWithHybrid.body()).isEqualTo(422);
    assertThat(weightsWithHybrid.json().get("field").asString()).isEqualTo("weights");

    var missing = api.upload("/api/v1/models/" + model + "/versions", token,
        () -> new Multipart().field("spec", SPEC).build(), Multipart.BOUNDARY);
    assertThat(missing.status()).as(missing.body()).isEqualTo(400);
    assertThat(missing.json().get("code").asString()).isEqualTo("missing-part");
    assertThat(missing.json().get("field").asString()).isEqualTo("backbone");

    var notTorchScript = upload(model, token, SPEC, "backbone", weights);
    assertThat(notTorchScript.status()).as(notTorchScript.body()).isEqualTo(422);
    assertThat(notTorchScript.json().get("code").asString()).isEqualTo("not-torchscript");

    var unknownTap = upload(model, token, SPEC.replace("\"conv2\"]", "\"conv9\"]"), "backbone",
        TorchScriptArchives.TINY_DICT);
    assertThat(unknownTap.status()).as(unknownTap.body()).isEqualTo(422);
    assertThat(unknownTap.json().get("code").asString()).isEqualTo("missing-tap");
    assertThat(unknownTap.json().get("detail").asString()).contains("conv9", "conv1", "keys of the dict");
  }

  private io.striate.support.Api.Response upload(long model, String token, String spec, String part, Path file) {
    return api.upload("/api/v1/models/" + model + "/versions", token, () -> new Multipart().field("spec", spec)
        .file(part, file.getFileName().toString(), open(file)).build(), Multipart.BOUNDARY);
  }

  private static InputStream open(Path file) {
    try {
      return Files.newInputStream(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Image {@code n} of an N × H × W × 3 uint8 array as a PNG. */
  private static byte[] png(Npz.Array images, int n) throws Exception {
    int h = images.shape()[1];
    int w = images.shape()[2];
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    int base = n * h * w * 3;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = base + (y * w + x) * 3;
        int rgb = ((int) images.values()[i] << 16) | ((int) images.values()[i + 1] << 8) | (int) images.values()[i + 2];
        image.setRGB(x, y, rgb);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  private HttpResponse<byte[]> activations(long model, long version, String token, byte[] png) throws Exception {
    Multipart body = new Multipart().file("images", "image.png", new ByteArrayInputStream(png));
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/models/" + model
            + "/versions/" + version + "/activations?taps=front,conv1,conv2"))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "multipart/form-data; boundary=" + Multipart.BOUNDARY)
        .POST(HttpRequest.BodyPublishers.ofInputStream(body::build)).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  /** max |a − b| / max |b| over the first image of {@code reference} (the reference may hold more images). */
  private static double error(Npz.Array actual, Npz.Array reference, int image) {
    int per = actual.values().length;
    double diff = 0;
    double scale = 1e-12;
    for (int i = 0; i < per; i++) {
      double r = reference.values()[image * per + i];
      diff = Math.max(diff, Math.abs(actual.values()[i] - r));
      scale = Math.max(scale, Math.abs(r));
    }
    return diff / scale;
  }
}
