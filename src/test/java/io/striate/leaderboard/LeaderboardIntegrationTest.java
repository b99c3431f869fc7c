package io.striate.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.striate.benchmark.BenchmarkRegistry;
import io.striate.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class LeaderboardIntegrationTest extends IntegrationTest {
  private static final double EXACT = 1e-9;
  @Autowired
  BenchmarkRegistry registry;

  @Test
  void scoredLeafRisesThroughTheTreeWithMissingChildrenShown() {
    String token = userToken("lb-owner");
    long model = createModel(token, "lb-surround-model");
    long version = testVersion(token, model, "lb");
    var r = api.post("/api/v1/submissions", token, Map.of("modelVersionId", version, "benchmarks",
        List.of("test-surround-probe")));
    assertThat(r.status()).isEqualTo(201);
    await().atMost(Duration.ofSeconds(60)).until(() -> row("V1-surround_modulation", "lb-surround-model") != null);

    int familyChildren = registry.tree().childrenOf("V1-surround_modulation").size();
    JsonNode family = row("V1-surround_modulation", "lb-surround-model");
    assertThat(family.get("value").asDouble()).isCloseTo(0.6 / familyChildren, within(EXACT));
    assertThat(family.get("meanOfScored").asDouble()).isCloseTo(0.6, within(EXACT));

    JsonNode v1 = row("V1", "lb-surround-model");
    int v1Children = registry.tree().childrenOf("V1").size();
    double marques = 0.6 / familyChildren / 7;
    assertThat(v1.get("value").asDouble()).isCloseTo(marques / v1Children, within(EXACT));
    assertThat(v1.get("nodes").get("Marques2020").asDouble()).isCloseTo(marques, within(EXACT));
    JsonNode marquesRow = row("Marques2020", "lb-surround-model");
    assertThat(marquesRow.get("scoredChildren").asInt()).isEqualTo(1);
    assertThat(marquesRow.get("totalChildren").asInt()).isEqualTo(7);
    assertThat(marquesRow.get("missing").toString()).contains("V1-orientation", "nothing below was scored");

    var badge = api.get("/api/v1/models/" + model + "/badge.svg?node=V1-surround_modulation", null);
    assertThat(badge.status()).isEqualTo(200);
    assertThat(badge.headers().firstValue("Content-Type").orElse("")).startsWith("image/svg+xml");
    assertThat(badge.body()).contains(String.format(java.util.Locale.ROOT, "%.3f", 0.6 / familyChildren));
    assertThat(api.get("/api/v1/models/" + model + "/badge.svg?node=V1-texture_modulation", null).body())
        .contains("not scored");

    var csv = api.get("/api/v1/leaderboard?node=V1&q=lb-surround", null, "text/csv");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    String[] lines = csv.body().split("\r\n");
    assertThat(lines[0]).startsWith("rank,model_id,name,owner,model_version_id,V1,");
    assertThat(lines).hasSize(2);
    assertThat(lines[1]).contains("lb-surround-model", "lb-owner");
  }

  @Test
  void filtersSortsAndPagesAndRejectsBadParameters() {
    var owner = api.get("/api/v1/leaderboard?owner=nobody-at-all", null);
    assertThat(owner.json().get("total").asLong()).isZero();
    var badNode = api.get("/api/v1/leaderboard?node=V7", null);
    assertThat(badNode.status()).isEqualTo(400);
    assertThat(badNode.json().get("code").asString()).isEqualTo("unknown-node");
    assertThat(badNode.json().get("field").asString()).isEqualTo("node");
    var badSize = api.get("/api/v1/leaderboard?size=100000", null);
    assertThat(badSize.status()).isEqualTo(400);
    assertThat(badSize.json().get("field").asString()).isEqualTo("size");
    var badSort = api.get("/api/v1/leaderboard?sort=magic", null);
    assertThat(badSort.json().get("code").asString()).isEqualTo("invalid-parameter");
  }

  private JsonNode row(String node, String name) {
    JsonNode page = api.get("/api/v1/leaderboard?node=" + node + "&q=" + name, null).json();
    for (JsonNode row : page.get("rows")) {
      if (row.get("name").asString().equals(name) && !row.get("value").isNull()) {
        return row;
      }
    }
    return null;
  }
}
