package io.striate.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.striate.support.IntegrationTest;
import io.striate.support.Multipart;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Findings of issue #9 on bad input, each answered with a 4xx ProblemDetail instead of a 5xx: NUL characters,
 * {@code [null]} benchmark ids, media types not offered or not accepted, malformed percent-encoding, a PNG
 * decompression bomb, and links with a scheme other than http(s).
 */
class BadInputIntegrationTest extends IntegrationTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  record Reply(int status, String body, java.net.http.HttpHeaders headers) {
    JsonNode json() {
      return JSON.readTree(body);
    }
  }

  private Reply send(String method, String path, String token, byte[] body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) b.header("Authorization", "Bearer " + token);
    for (int i = 0; i < headers.length; i += 2) b.setHeader(headers[i], headers[i + 1]);
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.body(), r.headers());
  }

  private Reply postJson(String path, String token, String body, String... headers) throws Exception {
    String[] all = new String[headers.length + 2];
    all[0] = "Content-Type";
    all[1] = "application/json";
    System.arraycopy(headers, 0, all, 2, headers.length);
    return send("POST", path, token, body.getBytes(java.nio.charset.StandardCharsets.UTF_8), all);
  }

  @Test
  void nulCharacterInAJsonFieldIs400WithTheField() throws Exception {
    String token = userToken("nul-owner");
    Reply r = postJson("/api/v1/models", token, "{\"name\":\"nul-model\",\"description\":\"a\\u0000b\"}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("code").asString()).isEqualTo("nul-character");
    assertThat(r.json().get("field").asString()).isEqualTo("/description");

    long model = createModel(token, "nul-target");
    Reply spec = postJson("/api/v1/models/" + model + "/versions", token,
        "{\"spec\":{\"name\":\"x\"},\"metadata\":{\"note\":[\"ok\",\"\\u0000\"]}}");
    assertThat(spec.status()).isEqualTo(400);
    assertThat(spec.json().get("field").asString()).isEqualTo("/metadata/note/1");
  }

  @Test
  void nulCharacterInAQueryParameterIs400() throws Exception {
    Reply r = send("GET", "/api/v1/leaderboard?q=a%00b", null, null);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("field").asString()).isEqualTo("q");
  }

  @Test
  void nulCharacterInAMultipartTextPartIs400() throws Exception {
    String token = userToken("nul-part-owner");
    long model = createModel(token, "nul-part");
    var r = api.upload("/api/v1/models/" + model + "/versions", token, () -> new Multipart()
        .file("file", "m.pt", new ByteArrayInputStream(new byte[] {'P', 'K', 3, 4, 1, 2}))
        .field("metadata", "{\"note\":\"\\u0000\"}").build(), Multipart.BOUNDARY);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("field").asString()).isEqualTo("metadata/note");
  }

  @Test
  void nullBenchmarkIdIs400() throws Exception {
    String token = userToken("null-bench");
    long model = createModel(token, "null-bench");
    long version = testVersion(token, model, "null-bench");
    Reply r = postJson("/api/v1/submissions", token, "{\"modelVersionId\":" + version + ",\"benchmarks\":[null]}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("field").asString()).isEqualTo("/benchmarks/0");
  }

  @Test
  void acceptNotOfferedIs406() throws Exception {
    for (String[] c : List.of(new String[] {"/api/v1/leaderboard", "application/xml"},
        new String[] {"/api/v1/benchmarks", "text/csv"})) {
      Reply r = send("GET", c[0], null, null, "Accept", c[1]);
      assertThat(r.status()).as(c[0] + " " + c[1]).isEqualTo(406);
    }
  }

  @Test
  void wildcardOrWrongContentTypeIs415() throws Exception {
    String token = userToken("ctype-owner");
    for (String type : List.of("*/*", "text/plain", "application/*")) {
      Reply r = send("POST", "/api/v1/models", token, "{\"name\":\"ct\"}".getBytes(), "Content-Type", type);
      assertThat(r.status()).as(type).isEqualTo(415);
      assertThat(r.json().get("code").asString()).isEqualTo("unsupported-media-type");
    }
  }

  @Test
  void malformedPercentEncodingIs400() throws Exception {
    for (String path : List.of("/api/v1/leaderboard?q=%zz", "/api/v1/leaderboard?owner=%", "/api/v1/models/%zz")) {
      // java.net.http refuses to send such a URI: the raw client sends the bytes as they are
      assertThat(RawHttp.send(port, "GET", path, Map.of(), null, 10_000)).as(path).isEqualTo(400);
    }
  }

  @Test
  void pngBombIsRefusedFromItsHeader() throws Exception {
    String token = userToken("bomb-owner");
    long model = createModel(token, "bomb");
    long version = testVersion(token, model, "bomb");
    byte[] bomb = Files.readAllBytes(Path.of("src/test/resources/fuzz/bomb.png"));
    long t0 = System.nanoTime();
    var r = api.upload("/api/v1/models/" + model + "/versions/" + version + "/activations", token,
        () -> new Multipart().file("images", "bomb.png", new ByteArrayInputStream(bomb)).build(), Multipart.BOUNDARY);
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.json().get("code").asString()).isEqualTo("image-too-large");
    assertThat(r.json().get("field").asString()).isEqualTo("/images/0");
    assertThat((System.nanoTime() - t0) / 1e9).as("seconds").isLessThan(5);
  }

  @Test
  void linksMustBeHttpOrHttps() throws Exception {
    String token = userToken("xss-owner");
    for (String field : List.of("paperUrl", "codeUrl")) {
      for (String url : List.of("javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "//evil.org",
          "vbscript:x", " javascript:alert(1)")) {
        Reply r = postJson("/api/v1/models", token, JSON.writeValueAsString(Map.of("name", "xss-" + field.length(),
            field, url)));
        assertThat(r.status()).as(field + "=" + url).isEqualTo(422);
        assertThat(r.json().get("code").asString()).isEqualTo("invalid-url");
        assertThat(r.json().get("field").asString()).isEqualTo("/" + field);
      }
    }
    Reply ok = postJson("/api/v1/models", token, "{\"name\":\"xss-ok\",\"paperUrl\":\"https://arxiv.org/abs/1\","
        + "\"codeUrl\":\"http://github.com/x\"}");
    assertThat(ok.status()).isEqualTo(201);
  }

  @Test
  void everyPageCarriesAContentSecurityPolicyWithoutInlineScript() throws Exception {
    for (String path : List.of("/", "/index.html", "/api/v1/benchmarks")) {
      Reply r = send("GET", path, null, null);
      String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
      String scripts = java.util.Arrays.stream(csp.split(";")).map(String::trim)
          .filter(d -> d.startsWith("script-src")).findFirst().orElse("");
      assertThat(scripts).as(path).isEqualTo("script-src 'self'");
      assertThat(csp).contains("object-src 'none'");
    }
  }
}
