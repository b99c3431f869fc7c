package io.striate.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.striate.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Compare over HTTP: versions scored by test-named-score (the score in the spec's name, error 0.01). */
class CompareIntegrationTest extends IntegrationTest {
  private static final double ERROR = 0.01;

  private void scoreAndWait(String token, long version, List<String> benchmarks) {
    var r = api.post("/api/v1/submissions", token, Map.of("modelVersionId", version, "benchmarks", benchmarks));
    assertThat(r.status()).as(r.body()).isIn(200, 201);
    long id = r.json().get("id").asLong();
    for (int i = 0; i < 30; i++) {
      String state = api.get("/api/v1/submissions/" + id + "?wait=20s", token).json().get("state").asString();
      if (state.equals("succeeded")) {
        return;
      }
      assertThat(state).isIn("queued", "running");
    }
    throw new AssertionError("submission " + id + " did not finish");
  }

  private JsonNode compare(String token, long model, long version, String against, int status) {
    var r = api.get("/api/v1/models/" + model + "/versions/" + version + "/compare?against=" + against, token);
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    return r.json();
  }

  private static JsonNode row(JsonNode comparison, String id) {
    for (JsonNode r : comparison.get("benchmarks")) {
      if (r.get("id").asString().equals(id)) {
        return r;
      }
    }
    throw new AssertionError(id + " not in " + comparison);
  }

  @Test
  void aDropBeyondTheCombinedErrorIsWorseAndWithinItIsSame() {
    String token = userToken("cmp");
    long model = createModel(token, "cmp-net");
    List<String> benchmarks = List.of("test-named-score", "test-surround-probe");
    long v1 = testVersion(token, model, "cmp-a-score80");
    scoreAndWait(token, v1, benchmarks);
    long v2 = testVersion(token, model, "cmp-b-score60");
    scoreAndWait(token, v2, benchmarks);
    long v3 = testVersion(token, model, "cmp-c-score61");
    scoreAndWait(token, v3, benchmarks);

    JsonNode worse = compare(token, model, v2, "cmp-net@previous", 200);
    assertThat(worse.get("against").get("versionId").asLong()).isEqualTo(v1);
    assertThat(worse.get("verdict").asString()).isEqualTo("worse");
    assertThat(worse.get("worse").toString()).contains("test-named-score");
    JsonNode row = row(worse, "test-named-score");
    assertThat(row.get("value").asDouble()).isEqualTo(0.60);
    assertThat(row.get("againstValue").asDouble()).isEqualTo(0.80);
    assertThat(row.get("delta").asDouble()).isCloseTo(-0.20, within(1e-12));
    assertThat(row.get("combinedError").asDouble()).isCloseTo(Math.sqrt(2) * ERROR, within(1e-12));
    assertThat(row.get("beyondError").asBoolean()).isTrue();
    // the score tree over the common benchmarks: only test-surround-probe is in the tree (0.6 on both)
    assertThat(worse.get("nodes").toString()).contains("\"id\":\"V1-surround_modulation\"", "\"direction\":\"same\"");

    // 0.61 against 0.60: the delta 0.01 is within √2 · 0.01
    JsonNode same = compare(token, model, v3, "cmp-net@previous", 200);
    assertThat(same.get("against").get("versionId").asLong()).isEqualTo(v2);
    assertThat(same.get("verdict").asString()).isEqualTo("same");
    assertThat(row(same, "test-named-score").get("beyondError").asBoolean()).isFalse();

    JsonNode better = compare(token, model, v3, String.valueOf(v2), 200);
    assertThat(better.get("verdict").asString()).isEqualTo("same");
    JsonNode latest = compare(token, model, v1, "cmp-net@latest", 200);
    assertThat(latest.get("against").get("versionId").asLong()).isEqualTo(v3);
    assertThat(latest.get("verdict").asString()).isEqualTo("better");
  }

  @Test
  void badAgainstValuesAreProblems() {
    String token = userToken("cmp-bad");
    long model = createModel(token, "cmp-bad-net");
    long v1 = testVersion(token, model, "cmp-bad-a");
    scoreAndWait(token, v1, List.of("test-quick"));
    long v2 = testVersion(token, model, "cmp-bad-b");
    scoreAndWait(token, v2, List.of("test-flaky"));

    JsonNode garbage = compare(token, model, v2, "yesterday", 400);
    assertThat(garbage.get("code").asString()).isEqualTo("invalid-against");
    assertThat(garbage.get("field").asString()).isEqualTo("against");
    assertThat(garbage.get("hint").asString()).contains("@previous");
    assertThat(compare(token, model, v2, "no-such-net@latest", 404).get("code").asString())
        .isEqualTo("against-not-found");
    assertThat(compare(token, model, v1, "cmp-bad-net@previous", 404).get("code").asString())
        .isEqualTo("no-version-to-compare");
    JsonNode disjoint = compare(token, model, v2, String.valueOf(v1), 422);
    assertThat(disjoint.get("code").asString()).isEqualTo("no-common-benchmark");
    assertThat(disjoint.get("notCompared").toString()).contains("test-quick", "test-flaky");
    assertThat(compare(token, model, v2, String.valueOf(v2), 400).get("code").asString())
        .isEqualTo("invalid-against");
  }
}
