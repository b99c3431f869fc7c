package io.striate.support;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: the whole application (API and worker roles) on a random port, against a real
 * PostgreSQL ({@link TestDatabase}), with fast worker timings. All subclasses share one Spring context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "striate.admin-token=" + IntegrationTest.ADMIN,
    "striate.worker.concurrency=4",
    "striate.worker.lease=5s",
    "striate.worker.heartbeat=300ms",
    // the fallback poll: idle workers are woken by LISTEN/NOTIFY
    "striate.worker.poll-interval=2s",
    "striate.worker.budget-minimum=10s",
    "striate.worker.budget-factor=50",
    "striate.worker.shutdown-grace=1s",
    "striate.worker.reap-interval=300ms",
    "striate.worker.retry-backoff=50ms",
    "striate.worker.max-attempts=3",
    // far above what the test JVM uses: MemoryIntegrationTest's versions predict more than this
    "striate.worker.memory-budget=64GB",
    "striate.limits.requests-per-minute=100000",
    "striate.limits.max-upload-size=400MB",
    // uploads are checked in this JVM (fast); the child-JVM isolation has its own test (PreflightProcessTest)
    "striate.runtime.preflight.isolated=false",
    // webhook tests deliver to a receiver on loopback, quickly retried
    "striate.webhooks.allow-private-targets=true",
    "striate.webhooks.initial-backoff=100ms",
    "striate.webhooks.poll-interval=100ms",
    "striate.webhooks.timeout=3s",
    // activation requests run on this JVM (the test models exist only here); ModelActivationsTest runs children
    "striate.runtime.isolation.activations-isolated=false",
    // the activation store stays small: the 224 px pixels model's RF-mapping entry (2.1 GB) is not kept
    "striate.storage.activations.max-size=256MB",
    "striate.scoring.layer-selection-benchmark=" + TestBenchmarks.LAYER_SWEEP})
@Import({TestBenchmarks.class, TestModels.class})
public abstract class IntegrationTest {
  public static final String ADMIN = "stk_test-admin-token-0123456789";
  private static Path storage;

  @Value("${local.server.port}")
  protected int port;
  protected Api api;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    TestDatabase.register(registry);
    synchronized (IntegrationTest.class) {
      if (storage == null) {
        storage = Files.createTempDirectory("striate-it-");
      }
    }
    registry.add("striate.storage.dir", storage::toString);
  }

  @BeforeEach
  void client() {
    api = new Api(port);
  }

  public static java.util.Map<String, Object> testSpec(String tag) {
    return java.util.Map.of("name", "test-" + tag,
        "input", java.util.Map.of("size", 8, "mean", java.util.List.of(0, 0, 0), "std", java.util.List.of(1, 1, 1),
            "visualDegrees", 8),
        "layers", java.util.List.of(java.util.Map.of("type", "identity", "name", "pixels")),
        "taps", java.util.List.of("pixels"));
  }

  /** A fresh token with scope submit for a new owner. */
  protected String userToken(String owner) {
    var r = api.post("/api/v1/tokens", ADMIN, java.util.Map.of("name", "t", "owner", owner, "scopes",
        java.util.List.of("submit")));
    if (r.status() != 201) {
      throw new IllegalStateException(r.body());
    }
    return r.json().get("secret").asString();
  }

  protected long createModel(String token, String name) {
    var r = api.post("/api/v1/models", token, java.util.Map.of("name", name, "visibility", "public"));
    if (r.status() != 201) {
      throw new IllegalStateException(r.body());
    }
    return r.json().get("id").asLong();
  }

  /**
   * A valid block-spec version (an 8-pixel identity model, passing the real preflight) that the test runtime loads
   * as a {@link TestModels.TestBrainModel}; each tag gives a distinct version.
   */
  protected long testVersion(String token, long modelId, String tag) {
    var r = api.post("/api/v1/models/" + modelId + "/versions", token, java.util.Map.of("spec", testSpec(tag)));
    if (r.status() != 201 && r.status() != 200) {
      throw new IllegalStateException(r.body());
    }
    return r.json().get("id").asLong();
  }
}
