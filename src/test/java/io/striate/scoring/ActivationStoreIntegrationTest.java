package io.striate.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.striate.model.cache.ActivationStore;
import io.striate.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A re-run of a benchmark on a version whose forward passes were already computed reads them from the activation
 * store: a real block spec on DJL (the identity "pixels" model at 40 px: 4800 units, and at 5 px/deg a pixel
 * centre at the stimulus position (0.5°, 0.5°), so that some units pass the RF filter), a real Marques2020
 * property benchmark, the score deleted and the benchmark submitted
 * again; the second score is identical, every detail but the timings included, and its details say
 * {@code forward: cached}. The RF mapping's raw responses are not stored: only its unit selection (a result entry)
 * and the selected units' responses, so the store stays far below one RF-mapping matrix.
 */
class ActivationStoreIntegrationTest extends IntegrationTest {
  private static final String PREF_OR = "Marques2020_DeValois1982-pref_or";

  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  ActivationStore store;

  @Test
  void aReRunOfAnExtractedVersionReadsTheStoreAndScoresTheSame() {
    String token = userToken("store");
    long model = createModel(token, "pixels40-store");
    Map<String, Object> spec = Map.of("name", "pixels-40",
        "input", Map.of("size", 40, "mean", List.of(0, 0, 0), "std", List.of(1, 1, 1), "visualDegrees", 8),
        "layers", List.of(Map.of("type", "identity", "name", "pixels")), "taps", List.of("pixels"),
        "v1Layer", "pixels");
    var version = api.post("/api/v1/models/" + model + "/versions", token, Map.of("spec", spec));
    assertThat(version.status()).as(version.body()).isEqualTo(201);
    long versionId = version.json().get("id").asLong();

    JsonNode first = scoreOnce(token, versionId, model);
    // a first attempt stopped by its budget on a loaded machine leaves the blank's entry to its retry: partly cached
    assertThat(first.get("details").get("forward").asString()).isNotEqualTo("cached");
    long entries = store.diskBytes();
    assertThat(entries).isPositive();
    long rfMatrix = 4800L * 3528 * 4;
    assertThat(entries).as("the RF-mapping responses are not stored raw").isLessThan(rfMatrix / 10);

    jdbc.update("delete from score where model_version_id = ? and benchmark_id = ?", versionId, PREF_OR);
    JsonNode second = scoreOnce(token, versionId, model);

    assertThat(second.get("details").get("forward").asString()).isEqualTo("cached");
    assertThat(store.diskBytes()).as("nothing new was written").isEqualTo(entries);
    for (String field : List.of("raw", "ceiling", "ceiled", "error", "layer")) {
      assertThat(second.get(field)).as(field).isEqualTo(first.get(field));
    }
    assertThat(second.get("details").get("units_in_rf").asInt()).isPositive();
    List<String> fields = new java.util.ArrayList<>(first.get("details").propertyNames());
    assertThat(fields).contains("units_in_rf_indices", "units", "values", "model_counts", "affine_slope",
        "affine_offset", "timings_ms", "forward");
    assertThat(second.get("details").propertyNames()).containsExactlyInAnyOrderElementsOf(fields);
    for (String field : fields) {
      if (!field.equals("timings_ms") && !field.equals("forward")) {
        assertThat(second.get("details").get(field)).as(field).isEqualTo(first.get("details").get(field));
      }
    }
  }

  /** Submits {@value #PREF_OR}, waits for its job and returns the score with its details. */
  private JsonNode scoreOnce(String token, long versionId, long model) {
    var submission = api.post("/api/v1/submissions", token, Map.of("modelVersionId", versionId,
        "benchmarks", List.of(PREF_OR)));
    assertThat(submission.status()).as(submission.body()).isEqualTo(201);
    long id = submission.json().get("id").asLong();
    await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() -> {
      String state = api.get("/api/v1/submissions/" + id, token).json().get("state").asString();
      return !state.equals("queued") && !state.equals("running");
    });
    JsonNode job = api.get("/api/v1/submissions/" + id, token).json().get("jobs").get(0);
    assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("succeeded");
    JsonNode score = api.get("/api/v1/models/" + model + "/versions/" + versionId + "/scores/" + PREF_OR, null)
        .json();
    assertThat(score.get("details")).as(score.toString()).isNotNull();
    return score;
  }
}
