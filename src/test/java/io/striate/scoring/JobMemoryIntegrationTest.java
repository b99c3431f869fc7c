package io.striate.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.striate.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The worker's memory and throughput measurements and budget over the API: every job records its peak memory, batch
 * size (the preflight's fastest, within the budget), computed images and images per second; a
 * version whose preflight-measured memory cannot fit the budget (64 GB in tests) fails as resource-exhausted; the
 * job timers and the memory summary are on /actuator/prometheus.
 */
class JobMemoryIntegrationTest extends IntegrationTest {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @Autowired
  JdbcTemplate jdbc;

  @Test
  void aScoredJobRecordsItsPeakMemoryAndBatchSizeAndIsTimed() {
    String token = userToken("memory-ok");
    long model = createModel(token, "memory-ok");
    long version = testVersion(token, model, "memory-ok");
    JsonNode job = finishedJob(token, submit(token, version));
    assertThat(job.get("state").asString()).isEqualTo("succeeded");
    assertThat(job.get("peakMemoryBytes").asLong()).isGreaterThan(64L << 20); // a JVM with Spring is never smaller
    // the configured 32 fits 64 GB; the preflight's calibrated fastest batch size caps it
    JsonNode preflight = api.get("/api/v1/models/" + model + "/versions/" + version, token).json().at("/metadata/preflight");
    assertThat(preflight.get("batchTimings").size()).as(preflight.toString()).isPositive();
    int fastest = preflight.get("fastestBatchSize").asInt();
    assertThat(fastest).isIn(4, 8, 16, 32);
    assertThat(job.get("batchSize").asInt()).isEqualTo(fastest);
    // test-quick runs no forward pass: 0 images and no rate; test-model-forward runs 4 images through the model
    assertThat(job.get("forwardImages").asInt()).isZero();
    assertThat(job.get("imagesPerSecond").isNull()).isTrue();
    io.striate.support.TestModels.FORWARD_MILLIS.put(version, 25L);
    JsonNode forward = finishedJob(token, submit(token, version, io.striate.support.TestBenchmarks.FORWARD));
    assertThat(forward.get("state").asString()).isEqualTo("succeeded");
    assertThat(forward.get("forwardImages").asInt()).isEqualTo(4);
    // 25 ms per image: at most 40 images/s, and not far below on an idle or a busy machine
    assertThat(forward.get("imagesPerSecond").asDouble()).isBetween(5.0, 40.0);
    assertThat(api.get("/actuator/prometheus", null).body()).contains("striate_job_throughput_images_per_second_count"
        + "{application=\"striate\",benchmark=\"test-model-forward\"} 1");

    String metrics = api.get("/actuator/prometheus", null).body();
    assertThat(metrics).contains("striate_job_duration_seconds_count{application=\"striate\",benchmark=\"test-quick\","
        + "outcome=\"succeeded\"}", "striate_job_queue_wait_seconds_count{application=\"striate\",benchmark=\"test-quick\"}",
        "striate_job_memory_peak_bytes_max{application=\"striate\",benchmark=\"test-quick\"}",
        "striate_model_load_seconds_count{application=\"striate\",kind=\"block_spec\"}", "striate_worker_rss_bytes",
        "striate_worker_rss_peak_bytes");
    assertThat(metrics).as("no GPU here, so no GPU gauge").doesNotContain("striate_gpu_memory");
  }

  @Test
  void aVersionThatCannotFitTheMemoryBudgetFailsAsResourceExhaustedWithTheNumbers() {
    String token = userToken("memory-big");
    long version = testVersion(token, createModel(token, "memory-big"), "memory-big");
    // what the preflight would have stored for a model needing 100 GiB per image
    jdbc.update("update model_version set metadata = jsonb_set(coalesce(metadata, '{}'::jsonb), '{preflight}', "
        + "'{\"measuredBatchSize\":32,\"measuredBatchBytes\":3435973836800,\"parameterBytes\":0}'::jsonb) where id = ?",
        version);
    JsonNode job = finishedJob(token, submit(token, version));
    assertThat(job.get("state").asString()).isEqualTo("failed");
    assertThat(job.get("attempts").asInt()).isEqualTo(3); // retryable: another worker may be larger
    assertThat(job.at("/failure/kind").asString()).isEqualTo("resource-exhausted");
    assertThat(job.at("/failure/message").asString()).contains("predicted to need 153600 MiB",
        "memory budget of 65536 MiB", "striate.worker.memory-budget");
  }

  private long submit(String token, long version) {
    return submit(token, version, "test-quick");
  }

  private long submit(String token, long version, String benchmark) {
    var r = api.post("/api/v1/submissions", token, Map.of("modelVersionId", version, "benchmarks",
        List.of(benchmark)));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asLong();
  }

  private JsonNode finishedJob(String token, long submission) {
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> {
      String state = api.get("/api/v1/submissions/" + submission, token).json().get("state").asString();
      return !state.equals("queued") && !state.equals("running");
    });
    return api.get("/api/v1/submissions/" + submission, token).json().get("jobs").get(0);
  }
}
