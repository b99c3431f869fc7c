package io.striate.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.striate.support.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A bounded fuzz run against the running application: every request of the corpus
 * ({@code src/test/resources/fuzz/corpus.jsonl}, the bad inputs of issue #9: NUL characters, {@code [null]},
 * wildcard media types, Accept not offered, malformed percent-encoding, a PNG bomb, hostile links, truncated
 * multipart bodies) and {@value #MUTATIONS} seeded random mutations of its valid requests. No answer may be a 5xx,
 * and none may take longer than {@value #HANG_MILLIS} ms. {@code tools/fuzz_replay.py} replays the same corpus with
 * curl against a deployed instance.
 */
class FuzzIntegrationTest extends IntegrationTest {
  static final int MUTATIONS = 300;
  static final long SEED = 9;
  static final int HANG_MILLIS = 20_000;
  /** Stops mutating after this long, so the test stays within its budget on a slow machine. */
  static final long BUDGET_MILLIS = 60_000;
  private static final Path DIR = Path.of("src/test/resources/fuzz");
  private static final String BOUNDARY = "XfuzzX";
  private static final List<String> NASTY = List.of("\u0000", "\u00ff", "%", "%zz", "\\u0000", "null", "[null]", "{",
      "}", "\"", "-1", "1e999", "99999999999999999999", "javascript:", "\u007f", " ");
  private static final Map<String, List<String>> HEADER_VALUES = Map.of(
      "Content-Type", List.of("*/*", "text/plain", "application/json;charset=x", "", "multipart/form-data"),
      "Accept", List.of("application/xml", "text/csv", "*/*", "image/png", "x/y;q=0", ""));

  record Request(String name, String method, String path, Map<String, String> headers, byte[] body) {
  }

  @Test
  void noServerErrorAndNoHangOnTheCorpusAndItsMutations() throws Exception {
    String token = userToken("fuzzer");
    long model = createModel(token, "fuzz-target");
    long version = testVersion(token, model, "fuzz");
    List<JsonNode> corpus = Files.readAllLines(DIR.resolve("corpus.jsonl")).stream().filter(l -> !l.isBlank())
        .map(l -> JsonMapper.builder().build().readTree(l)).toList();
    List<String> failures = new ArrayList<>();
    int n = 0;
    for (JsonNode entry : corpus) {
      check(materialise(entry, token, model, version, ++n), failures);
    }
    List<JsonNode> seeds = corpus.stream().filter(e -> e.path("seed").asBoolean()).toList();
    Random random = new Random(SEED);
    long deadline = System.currentTimeMillis() + BUDGET_MILLIS;
    int mutated = 0;
    for (; mutated < MUTATIONS && System.currentTimeMillis() < deadline; mutated++) {
      Request valid = materialise(seeds.get(random.nextInt(seeds.size())), token, model, version, ++n);
      check(mutate(random, valid, mutated), failures);
    }
    assertThat(mutated).as("mutations sent within the budget").isGreaterThan(50);
    assertThat(failures).as("5xx answers or hangs").isEmpty();
  }

  private void check(Request r, List<String> failures) throws Exception {
    long t0 = System.nanoTime();
    int status = RawHttp.send(port, r.method(), r.path(), r.headers(), r.body(), HANG_MILLIS);
    long millis = (System.nanoTime() - t0) / 1_000_000;
    if (status >= 500 || status <= 0) {
      failures.add(r.name() + " " + r.method() + " " + r.path() + " -> " + (status < 0 ? "hang" : status) + " in "
          + millis + " ms");
    }
  }

  private static Request materialise(JsonNode e, String token, long model, long version, int n) throws Exception {
    Map<String, String> headers = new LinkedHashMap<>();
    if (!e.path("noAuth").asBoolean()) headers.put("Authorization", "Bearer " + token);
    e.path("headers").properties().forEach(h -> headers.put(h.getKey(),
        fill(h.getValue().asString(), model, version, n)));
    byte[] body = null;
    if (e.has("multipart")) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (JsonNode p : e.get("multipart")) {
        String disposition = "form-data; name=\"" + p.get("name").asString() + "\""
            + (p.has("filename") ? "; filename=\"" + p.get("filename").asString() + "\"" : "");
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: " + disposition + "\r\n"
            + (p.has("contentType") ? "Content-Type: " + p.get("contentType").asString() + "\r\n" : "") + "\r\n")
            .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(p.has("file") ? Files.readAllBytes(DIR.resolve(p.get("file").asString()))
            : p.has("base64") ? Base64.getDecoder().decode(p.get("base64").asString())
            : p.get("text").asString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
      }
      out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
      body = out.toByteArray();
      headers.putIfAbsent("Content-Type", "multipart/form-data; boundary=" + BOUNDARY);
    } else if (e.has("bodyBase64")) {
      body = Base64.getDecoder().decode(e.get("bodyBase64").asString());
    } else if (e.has("body")) {
      body = fill(e.get("body").asString(), model, version, n).getBytes(StandardCharsets.UTF_8);
    }
    return new Request(e.get("name").asString(), e.get("method").asString(),
        fill(e.get("path").asString(), model, version, n), headers, body);
  }

  private static String fill(String s, long model, long version, int n) {
    return s.replace("{model}", Long.toString(model)).replace("{version}", Long.toString(version))
        .replace("{n}", Integer.toString(n));
  }

  private static Request mutate(Random random, Request r, int i) {
    String path = r.path();
    Map<String, String> headers = new LinkedHashMap<>(r.headers());
    byte[] body = r.body();
    switch (random.nextInt(5)) {
      case 0 -> {
        if (body != null) {
          String text = new String(body, StandardCharsets.UTF_8);
          int at = random.nextInt(text.length() + 1);
          text = text.substring(0, at) + NASTY.get(random.nextInt(NASTY.size()))
              + text.substring(Math.min(text.length(), at + random.nextInt(3)));
          body = text.getBytes(StandardCharsets.UTF_8);
        }
      }
      case 1 -> {
        if (body != null) body = java.util.Arrays.copyOf(body, random.nextInt(body.length + 1));
      }
      case 2 -> {
        String h = List.of("Content-Type", "Accept").get(random.nextInt(2));
        List<String> values = HEADER_VALUES.get(h);
        headers.put(h, values.get(random.nextInt(values.size())));
      }
      case 3 -> path += (path.contains("?") ? "&" : "?")
          + List.of("q", "page", "size", "owner", "sort", "taps").get(random.nextInt(6)) + "="
          + List.of("%zz", "%00", "-1", "%", "a%e0b", "99999999999999999999", "%ff%fe").get(random.nextInt(7));
      default -> {
        int at = random.nextInt(path.length() + 1);
        path = path.substring(0, at) + List.of("%zz", "%00", "%2e%2e/", "//", "%").get(random.nextInt(5))
            + path.substring(at);
      }
    }
    return new Request("mutation " + i + " of " + r.name(), r.method(), path, headers, body);
  }
}
