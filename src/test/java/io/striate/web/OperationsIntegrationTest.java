package io.striate.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.striate.support.IntegrationTest;
import org.junit.jupiter.api.Test;

class OperationsIntegrationTest extends IntegrationTest {
  @Test
  void openApiDocumentsEveryEndpointWithExamples() {
    var docs = api.get("/v3/api-docs", null);
    assertThat(docs.status()).isEqualTo(200);
    var paths = docs.json().get("paths");
    assertThat(paths.has("/api/v1/tokens")).isTrue();
    assertThat(paths.has("/api/v1/models")).isTrue();
    assertThat(paths.has("/api/v1/models/{id}/versions")).isTrue();
    assertThat(paths.has("/api/v1/submissions")).isTrue();
    assertThat(paths.has("/api/v1/submissions/{id}")).isTrue();
    assertThat(paths.has("/api/v1/leaderboard")).isTrue();
    assertThat(paths.has("/api/v1/benchmarks")).isTrue();
    assertThat(docs.body()).contains("\"example\"");
    assertThat(api.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
  }

  @Test
  void healthProbesAndPrometheusMetricsWithQueueDepth() {
    assertThat(api.get("/actuator/health/liveness", null).status()).isEqualTo(200);
    assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(200);
    var metrics = api.get("/actuator/prometheus", null);
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body()).contains("striate_queue_depth", "striate_jobs_running");
  }

  @Test
  void leaderboardAndModelPagesAreServed() {
    var index = api.get("/", null, "text/html");
    assertThat(index.status()).isEqualTo(200);
    assertThat(index.body()).contains("data-page=\"leaderboard\"");
    assertThat(api.get("/model.html", null, "text/html").body()).contains("data-page=\"model\"");
    assertThat(api.get("/striate.js", null).body()).contains("/api/v1/leaderboard", "model_counts");
  }

  @Test
  void unknownPathsAreProblemsToo() {
    var r = api.get("/api/v1/nothing-here", null);
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().get("code").asString()).isEqualTo("not-found");
  }
}
