package io.striate.submission;

import static org.assertj.core.api.Assertions.assertThat;

import io.striate.model.runtime.Npz;
import io.striate.model.spec.PogoncheffFixture;
import io.striate.support.IntegrationTest;
import io.striate.support.Multipart;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "done means": the paper's architecture round-trips over HTTP. Hash-random weights with the seed's own
 * state-dict names (fixture of tools/pogoncheff_reference.py) → .safetensors → multipart upload with the reference
 * spec → activations of the fixture image equal the seed's PyTorch model at layer1. Also the hostile paths: unknown
 * entries, wrong shapes, unknown request and spec fields.
 */
class SpecWeightsUploadIntegrationTest extends IntegrationTest {
  /** Largest |Striate − seed| / max |seed| at layer1 (the bound). */
  static final double MAX_RELATIVE_ERROR = 1e-5;
  private static final String SPEC = "pogoncheff2023-composite-a";

  @Test
  void seedWeightsUploadedWithTheReferenceSpecReproduceTheSeedModel(@TempDir Path dir) throws Exception {
    String token = userToken("pogoncheff");
    long model = createModel(token, "composite-a");
    Path weights = dir.resolve("composite_a.safetensors");
    PogoncheffFixture.writeSafetensors(SPEC, weights);

    var created = uploadSpec(model, token, SPEC, "weights", weights);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().get("kind").asString()).isEqualTo("block_spec");
    assertThat(created.json().get("v1Layer").asString()).isEqualTo("layer1");
    var again = uploadSpec(model, token, SPEC, "weights", weights);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("id").asLong()).isEqualTo(created.json().get("id").asLong());
    var seeded = api.post("/api/v1/models/" + model + "/versions", token, Map.of("reference", SPEC));
    assertThat(seeded.status()).as(seeded.body()).isEqualTo(201);
    assertThat(seeded.json().get("sha256").asString()).isNotEqualTo(created.json().get("sha256").asString());

    byte[] png;
    try (InputStream in = getClass().getResourceAsStream("/fixtures/pogoncheff/image.png")) {
      png = in.readAllBytes();
    }
    HttpResponse<byte[]> npz = activations(model, created.json().get("id").asLong(), token, png);
    assertThat(npz.statusCode()).as(new String(npz.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    Map<String, Npz.Array> got = Npz.read(new ByteArrayInputStream(npz.body()));
    Map<String, Npz.Array> seed = PogoncheffFixture.arrays(SPEC);
    assertThat(error(got.get("input"), seed.get("input"))).isLessThan(1e-6);
    double layer1 = error(got.get("layer1"), seed.get("layer1"));
    System.out.printf("HTTP round trip %s: layer1 max relative error %.3g%n", SPEC, layer1);
    assertThat(layer1).isLessThan(MAX_RELATIVE_ERROR);

    HttpResponse<byte[]> untrained = activations(model, seeded.json().get("id").asLong(), token, png);
    assertThat(error(Npz.read(new ByteArrayInputStream(untrained.body())).get("layer1"), seed.get("layer1")))
        .as("the seeded version differs: the weights were really used").isGreaterThan(1e-2);
  }

  @Test
  void wrongWeightsAndUnknownFieldsAre422WithTheEntryShapesAndPointer(@TempDir Path dir) throws Exception {
    String token = userToken("hostile-weights");
    long model = createModel(token, "hostile");
    String spec = """
        {"name": "lc-only", "input": {"size": 16}, "layers": [
          {"type": "locally-connected", "name": "layer1.2.conv2", "outChannels": 4, "kernel": 3, "padding": 1,
           "bias": false}], "taps": ["layer1.2.conv2"]}""";
    Path wrong = safetensors(dir.resolve("wrong.safetensors"), "layer1.2.conv2.weight", new long[] {1, 4, 3, 16, 16, 8});
    var shape = uploadInline(model, token, spec, wrong);
    assertThat(shape.status()).as(shape.body()).isEqualTo(422);
    assertThat(shape.body()).contains("\"code\":\"invalid-weights\"", "layer1.2.conv2.weight", "(1, 4, 3, 16, 16, 9)",
        "(1, 4, 3, 16, 16, 8)", "(1, O, C, Ho, Wo, k²)");

    Path unknown = safetensors(dir.resolve("unknown.safetensors"), "layer1.2.conv2.kernel", new long[] {2});
    var name = uploadInline(model, token, spec, unknown);
    assertThat(name.status()).isEqualTo(422);
    assertThat(name.body()).contains("\"code\":\"invalid-weights\"", "layer1.2.conv2.kernel", "[weight]");

    Path right = safetensors(dir.resolve("right.safetensors"), "layer1.2.conv2.weight", new long[] {1, 4, 3, 16, 16, 9});
    assertThat(uploadInline(model, token, spec, right).status()).isEqualTo(201);

    var field = api.post("/api/v1/models/" + model + "/versions", token, Map.of("reference", SPEC,
        "weights", "composite_a.safetensors"));
    assertThat(field.status()).isEqualTo(422);
    assertThat(field.json().get("code").asString()).isEqualTo("invalid-spec");
    assertThat(field.json().get("field").asString()).isEqualTo("/weights");

    var layerField = uploadInline(model, token, spec.replace("\"bias\": false", "\"bias\": false, \"shape\": 3"),
        right);
    assertThat(layerField.status()).as(layerField.body()).isEqualTo(422);
    assertThat(layerField.json().get("field").asString()).isEqualTo("/spec/layers/0/shape");
    var topField = api.post("/api/v1/models/" + model + "/versions", token, Map.of("spec",
        new tools.jackson.databind.ObjectMapper().readTree(spec.replace("\"taps\"", "\"weights\": \"x\", \"taps\""))));
    assertThat(topField.status()).isEqualTo(422);
    assertThat(topField.json().get("field").asString()).isEqualTo("/spec/weights");
  }

  private io.striate.support.Api.Response uploadSpec(long model, String token, String reference, String part, Path file) {
    return api.upload("/api/v1/models/" + model + "/versions", token, () -> new Multipart()
        .field("reference", reference).file(part, file.getFileName().toString(), open(file)).build(),
        Multipart.BOUNDARY);
  }

  private io.striate.support.Api.Response uploadInline(long model, String token, String spec, Path file) {
    return api.upload("/api/v1/models/" + model + "/versions", token, () -> new Multipart()
        .field("spec", spec).file("weights", file.getFileName().toString(), open(file)).build(), Multipart.BOUNDARY);
  }

  private HttpResponse<byte[]> activations(long model, long version, String token, byte[] png) throws Exception {
    Multipart body = new Multipart().file("images", "image.png", new ByteArrayInputStream(png));
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/models/" + model
            + "/versions/" + version + "/activations?taps=layer1"))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "multipart/form-data; boundary=" + Multipart.BOUNDARY)
        .POST(HttpRequest.BodyPublishers.ofInputStream(body::build)).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  /** max |a − b| / max |b| over b's elements. */
  private static double error(Npz.Array actual, Npz.Array reference) {
    double diff = 0;
    double scale = 0;
    for (int i = 0; i < reference.values().length; i++) {
      diff = Math.max(diff, Math.abs(actual.values()[i] - reference.values()[i]));
      scale = Math.max(scale, Math.abs(reference.values()[i]));
    }
    return diff / scale;
  }

  /** A one-entry safetensors file of zeros. */
  private static Path safetensors(Path out, String name, long[] shape) throws Exception {
    long n = 1;
    StringBuilder s = new StringBuilder();
    for (long d : shape) {
      n *= d;
      s.append(s.length() == 0 ? "" : ",").append(d);
    }
    StringBuilder header = new StringBuilder("{\"" + name + "\":{\"dtype\":\"F32\",\"shape\":[" + s
        + "],\"data_offsets\":[0," + 4 * n + "]}}");
    while (header.length() % 8 != 0) header.append(' ');
    byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
    var buffer = java.nio.ByteBuffer.allocate(8 + h.length + (int) (4 * n)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    buffer.putLong(h.length).put(h);
    Files.write(out, buffer.array());
    return out;
  }

  private static InputStream open(Path p) {
    try {
      return Files.newInputStream(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
