package io.striate.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.striate.support.IntegrationTest;
import io.striate.support.TestBenchmarks;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** A version without a pinned layer is swept first; its V1 benchmarks wait and then run on the chosen layer. */
class LayerSelectionIntegrationTest extends IntegrationTest {
  @Autowired
  JdbcTemplate jdbc;

  @Test
  void sweepRunsFirstCommitsTheBestLayerAndIsKeptPerLayer() {
    String token = userToken("sweeper");
    long model = createModel(token, "sweep-model");
    long version = testVersion(token, model, "sweep");
    var r = api.post("/api/v1/submissions", token, Map.of("modelVersionId", version, "benchmarks",
        List.of("test-surround-probe")));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    JsonNode jobs = r.json().get("jobs");
    assertThat(jobs).hasSize(2);
    assertThat(jobs.get(0).get("benchmarkId").asString()).isEqualTo(TestBenchmarks.LAYER_SWEEP);
    long submission = r.json().get("id").asLong();
    await().atMost(Duration.ofSeconds(60)).until(() -> "succeeded".equals(api.get("/api/v1/submissions/"
        + submission, token).json().get("state").asString()));

    Map<String, Object> sweep = jdbc.queryForMap("select finished_at from job where submission_id = ? "
        + "and benchmark_id = ?", submission, TestBenchmarks.LAYER_SWEEP);
    Map<String, Object> probe = jdbc.queryForMap("select started_at, depends_on from job where submission_id = ? "
        + "and benchmark_id = 'test-surround-probe'", submission);
    assertThat(probe.get("depends_on")).isNotNull();
    assertThat(((java.sql.Timestamp) probe.get("started_at")).toInstant())
        .isAfterOrEqualTo(((java.sql.Timestamp) sweep.get("finished_at")).toInstant());

    JsonNode v = api.get("/api/v1/models/" + model, token).json().get("versions").get(0);
    assertThat(v.get("v1Layer").asString()).isEqualTo("pixels");
    assertThat(v.get("v1LayerSource").asString()).isEqualTo("sweep");
    assertThat(v.get("layerSweep")).hasSize(2);
    assertThat(v.get("layerSweep").toString()).contains("\"layer\":\"early\"", "\"chosen\":true");

    // the same benchmarks again: nothing to sweep or score
    var again = api.post("/api/v1/submissions", token, Map.of("modelVersionId", version, "benchmarks",
        List.of("test-surround-probe")));
    assertThat(again.json().get("jobs")).isEmpty();
    assertThat(again.json().get("alreadyScored").toString()).contains("test-surround-probe");
  }
}
