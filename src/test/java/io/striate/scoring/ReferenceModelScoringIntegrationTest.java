package io.striate.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.striate.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The whole path with real parts: the shipped {@code pixels} reference spec runs on DJL's PyTorch engine in the
 * scoring worker, a real Marques2020 property benchmark scores it, and the score with its evidence reaches the
 * model page and the leaderboard.
 */
class ReferenceModelScoringIntegrationTest extends IntegrationTest {
  private static final String PREF_OR = "Marques2020_DeValois1982-pref_or";

  @Test
  void pixelsReferenceSpecIsScoredByARealPropertyBenchmark() {
    String token = userToken("e2e");
    long model = createModel(token, "pixels-e2e");
    var version = api.post("/api/v1/models/" + model + "/versions", token, Map.of("reference", "pixels"));
    assertThat(version.status()).as(version.body()).isEqualTo(201);
    assertThat(version.json().get("v1Layer").asString()).isEqualTo("pixels");
    JsonNode preflight = version.json().get("metadata").get("preflight");
    assertThat(preflight.get("taps").get(0).get("units").asInt()).isEqualTo(3 * 224 * 224);

    var submission = api.post("/api/v1/submissions", token, Map.of("modelVersionId", version.json().get("id"),
        "benchmarks", List.of(PREF_OR)));
    assertThat(submission.status()).as(submission.body()).isEqualTo(201);
    long id = submission.json().get("id").asLong();
    await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() -> {
      String state = api.get("/api/v1/submissions/" + id, token).json().get("state").asString();
      return !state.equals("queued") && !state.equals("running");
    });
    JsonNode job = api.get("/api/v1/submissions/" + id, token).json().get("jobs").get(0);
    assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("succeeded");

    JsonNode score = api.get("/api/v1/models/" + model, token).json().get("versions").get(0).get("scores").get(0);
    assertThat(score.get("benchmarkId").asString()).isEqualTo(PREF_OR);
    assertThat(score.get("layer").asString()).isEqualTo("pixels");
    assertThat(score.get("ceiling").asDouble()).isBetween(0.95, 0.975);
    assertThat(score.get("ceiled").asDouble()).isBetween(0.0, 1.0);
    System.out.printf("[e2e] pixels on %s: raw %.3f ceiling %.3f ceiled %.3f%n", PREF_OR, score.get("raw").asDouble(),
        score.get("ceiling").asDouble(), score.get("ceiled").asDouble());

    JsonNode evidence = api.get("/api/v1/models/" + model + "/versions/" + version.json().get("id").asLong()
        + "/scores/" + PREF_OR, null).json().get("details");
    assertThat(evidence.get("bins").size()).isEqualTo(evidence.get("data_counts").size() + 1);
    assertThat(evidence.get("model_counts").size()).isEqualTo(evidence.get("data_counts").size());
    JsonNode tree = api.get("/api/v1/models/" + model, null).json().get("versions").get(0).get("scoreTree");
    assertThat(tree.get("V1-orientation").get("scoredChildren").asInt()).isEqualTo(1);

    JsonNode row = api.get("/api/v1/leaderboard?node=V1-orientation&q=pixels-e2e", null).json().get("rows").get(0);
    assertThat(row.get("scoredChildren").asInt()).isEqualTo(1);
    assertThat(row.get("totalChildren").asInt()).as("installed children").isBetween(1, 7);
    assertThat(row.get("coverage").asString()).startsWith("V1-orientation: ").endsWith(" of 7 benchmarks installed");
  }
}
