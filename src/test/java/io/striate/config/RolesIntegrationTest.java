package io.striate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.striate.StriateApplication;
import io.striate.support.Api;
import io.striate.support.IntegrationTest;
import io.striate.support.TestBenchmarks;
import io.striate.support.TestDatabase;
import io.striate.support.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code striate.roles} as deployed: an API-only process and a worker-only process on one database and one storage
 * directory (what docker-compose and the Helm chart run). The API-only process never claims a job; the worker-only
 * process serves only actuator (404 elsewhere) and scores what the API queued.
 */
class RolesIntegrationTest {
  private static final Duration NOTHING_CLAIMED_FOR = Duration.ofSeconds(2);
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private final List<ConfigurableApplicationContext> apps = new ArrayList<>();

  @AfterEach
  void stop() {
    apps.forEach(ConfigurableApplicationContext::close);
  }

  @Test
  void apiOnlyNeverClaimsAndWorkerOnlyServesActuatorAndScores() throws Exception {
    Map<String, String> database = TestDatabase.freshDatabase("striate_roles");
    Path storage = Files.createTempDirectory("striate-roles-");
    ConfigurableApplicationContext apiApp = start("api", database, storage);
    Api api = new Api(port(apiApp));
    JdbcTemplate jdbc = apiApp.getBean(JdbcTemplate.class);

    String token = api.post("/api/v1/tokens", IntegrationTest.ADMIN, Map.of("name", "t", "owner", "roles",
        "scopes", List.of("submit"))).json().get("secret").asString();
    long model = api.post("/api/v1/models", token, Map.of("name", "roles-model", "visibility", "public"))
        .json().get("id").asLong();
    long version = api.post("/api/v1/models/" + model + "/versions", token,
        Map.of("spec", IntegrationTest.testSpec("roles"))).json().get("id").asLong();
    var submitted = api.post("/api/v1/submissions", token,
        Map.of("modelVersionId", version, "benchmarks", List.of("test-quick")));
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);

    Thread.sleep(NOTHING_CLAIMED_FOR.toMillis());
    assertThat(jdbc.queryForList("select state from job", String.class)).as("an api-only process claims nothing")
        .containsOnly("queued").isNotEmpty();

    ConfigurableApplicationContext workerApp = start("worker", database, storage);
    Api worker = new Api(port(workerApp));
    assertThat(worker.get("/api/v1/leaderboard", null).status()).isEqualTo(404);
    assertThat(worker.get("/api/v1/leaderboard", null).json().get("code").asString()).isEqualTo("not-served-here");
    assertThat(worker.get("/", null).status()).isEqualTo(404);
    assertThat(worker.post("/api/v1/tokens", IntegrationTest.ADMIN, Map.of()).status()).isEqualTo(404);
    assertThat(worker.get("/actuator/health", null).status()).isEqualTo(200);
    String metrics = worker.get("/actuator/prometheus", null).body();
    assertThat(metrics).contains("striate_queue_depth");
    assertThat(metrics).containsPattern("striate_worker_rss_bytes\\{[^}]*\\} [1-9]");

    await().atMost(PATIENCE).until(() -> jdbc.queryForList("select state from job", String.class)
        .stream().allMatch("succeeded"::equals));
    assertThat(api.get("/api/v1/submissions/" + submitted.json().get("id").asLong(), token).json()
        .get("state").asString()).isEqualTo("succeeded");
  }

  private ConfigurableApplicationContext start(String roles, Map<String, String> database, Path storage) {
    Map<String, Object> properties = new HashMap<>(database);
    properties.putAll(Map.of(
        "server.port", "0",
        "striate.roles", roles,
        "striate.storage.dir", storage.toString(),
        "striate.admin-token", IntegrationTest.ADMIN,
        "striate.worker.poll-interval", "50ms",
        "striate.worker.heartbeat", "300ms",
        "striate.worker.lease", "2s",
        "striate.runtime.preflight.isolated", "false"));
    properties.put("striate.scoring.layer-selection-benchmark", TestBenchmarks.LAYER_SWEEP);
    // as command-line arguments: they outrank application.yml, as STRIATE_ROLES does in a deployment
    String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
        .toArray(String[]::new);
    ConfigurableApplicationContext app = new SpringApplicationBuilder(StriateApplication.class, TestBenchmarks.class,
        TestModels.class).run(args);
    apps.add(app);
    return app;
  }

  private static int port(ConfigurableApplicationContext app) {
    return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
  }
}
