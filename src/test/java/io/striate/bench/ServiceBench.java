package io.striate.bench;

import io.striate.scoring.JobRepository;
import io.striate.support.Api;
import io.striate.support.Multipart;
import io.striate.support.TestDatabase;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Service numbers for the foundation issue (not a test: run with
 * {@code mvn -o test -Dtest=ServiceBench -Dsurefire.excludedGroups=gpu}):
 * queue claim throughput with 4 claiming threads, leaderboard latency with 10,000 models and 200,000 scores,
 * and the heap after a 1 GB streamed upload. The API role only: no background workers interfere.
 */
@Tag("bench")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "striate.roles=api", "striate.admin-token=" + ServiceBench.ADMIN, "striate.limits.requests-per-minute=0",
    "striate.limits.max-upload-size=2GB", "striate.runtime.preflight.isolated=false"})
class ServiceBench {
  static final String ADMIN = "stk_bench-admin-token-0123456789";
  private static final int MODELS = 10_000;
  private static final int SCORES_PER_MODEL = 20;
  private static final int QUEUE_JOBS = 2_000;

  @Value("${local.server.port}")
  int port;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  JobRepository jobs;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    TestDatabase.register(registry);
    String dir = Files.createTempDirectory("striate-bench-").toString();
    registry.add("striate.storage.dir", () -> dir);
  }

  @Test
  void numbers() throws Exception {
    Api api = new Api(port);
    seed();
    leaderboardLatency(api);
    queueThroughput();
    upload(api, Long.getLong("striate.bench.upload-mb", 1024));
  }

  private void seed() {
    long t0 = System.nanoTime();
    jdbc.update("""
        insert into model (owner, name, description, visibility)
        select 'owner' || (g % 100), 'bench-model-' || g, 'seeded model ' || g, 'public'
          from generate_series(1, ?) g""", MODELS);
    jdbc.update("""
        insert into model_version (model_id, sha256, kind, size_bytes, metadata)
        select id, encode(sha256(id::text::bytea), 'hex'), 'block_spec', 10, '{}' from model
         where name like 'bench-model-%'""");
    jdbc.update("""
        insert into score (model_version_id, benchmark_id, benchmark_version, raw, ceiling, ceiled, error, layer)
        select v.id, 'bench-benchmark-' || b, 1, random(), 1, random(), 0.01, 'layer'
          from model_version v join model m on m.id = v.model_id, generate_series(1, ?) b
         where m.name like 'bench-model-%'""", SCORES_PER_MODEL);
    // leaderboard rows as LeaderboardUpdater writes them: 10 nodes per model
    jdbc.update("""
        insert into leaderboard_entry (model_id, node_id, model_version_id, value, mean_of_scored, scored_children,
                                       total_children, missing)
        select v.model_id, n, v.id, random(), random(), 1, 2, '[]'
          from model_version v join model m on m.id = v.model_id,
               unnest(array['V1','FreemanZiemba2013.V1-pls','Marques2020','V1-orientation','V1-spatial_frequency',
                            'V1-response_selectivity','V1-receptive_field_size','V1-surround_modulation',
                            'V1-texture_modulation','V1-response_magnitude']) n
         where m.name like 'bench-model-%'""");
    jdbc.execute("analyze");
    System.out.printf("[bench] seeded %d models, %d scores, %d leaderboard rows in %.1f s%n", MODELS,
        jdbc.queryForObject("select count(*) from score", Long.class),
        jdbc.queryForObject("select count(*) from leaderboard_entry", Long.class), (System.nanoTime() - t0) / 1e9);
  }

  private void leaderboardLatency(Api api) {
    Map<String, String> queries = new java.util.LinkedHashMap<>();
    queries.put("baseline: GET /actuator/health", "/actuator/health");
    queries.putAll(Map.of(
        "first page by V1", "/api/v1/leaderboard",
        "page 100 by a family", "/api/v1/leaderboard?node=V1-orientation&page=100&size=50",
        "text search", "/api/v1/leaderboard?q=model-99",
        "owner filter sorted by name", "/api/v1/leaderboard?owner=owner7&sort=name&order=asc",
        "benchmark filter", "/api/v1/leaderboard?benchmark=bench-benchmark-3",
        "csv export of 500 rows", "/api/v1/leaderboard?size=500"));
    for (var q : queries.entrySet()) {
      for (int i = 0; i < 20; i++) {
        api.get(q.getValue(), null);
      }
      long[] nanos = new long[200];
      for (int i = 0; i < nanos.length; i++) {
        long t = System.nanoTime();
        var r = q.getKey().startsWith("csv") ? api.get(q.getValue(), null, "text/csv") : api.get(q.getValue(), null);
        nanos[i] = System.nanoTime() - t;
        if (r.status() != 200) {
          throw new IllegalStateException(r.body());
        }
      }
      Arrays.sort(nanos);
      System.out.printf("[bench] GET %-40s p50 %6.2f ms  p99 %6.2f ms%n", q.getKey(),
          nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.99)] / 1e6);
    }
  }

  private void queueThroughput() throws Exception {
    Long version = jdbc.queryForObject("select min(id) from model_version", Long.class);
    Long submission = jdbc.queryForObject("""
        insert into submission (model_version_id, owner, request_hash, benchmarks)
        values (?, 'bench', repeat('0', 64), 'bench') returning id""", Long.class, version);
    jdbc.update("""
        insert into job (submission_id, model_version_id, benchmark_id, state, max_attempts)
        select ?, ?, 'bench-benchmark-' || g, 'queued', 3 from generate_series(1, ?) g""", submission, version,
        QUEUE_JOBS);
    Map<Long, AtomicInteger> claims = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    long t0 = System.nanoTime();
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      String name = "bench-worker-" + w;
      workers.add(pool.submit(() -> {
        for (var id = jobs.claim(name, 60); id.isPresent(); id = jobs.claim(name, 60)) {
          claims.computeIfAbsent(id.get().getId(), k -> new AtomicInteger()).incrementAndGet();
          jobs.succeed(id.get().getId(), name, id.get().getAttempt());
        }
      }));
    }
    for (Future<?> f : workers) {
      f.get();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.SECONDS);
    long twice = claims.values().stream().filter(c -> c.get() > 1).count();
    System.out.printf("[bench] queue: %d jobs claimed+completed by 4 threads in %.2f s = %.0f jobs/s; "
        + "claimed twice: %d%n", claims.size(), seconds, claims.size() / seconds, twice);
  }

  private void upload(Api api, long megabytes) {
    String token = api.post("/api/v1/tokens", ADMIN, Map.of("name", "b", "owner", "bench-up")).json()
        .get("secret").asString();
    long model = api.post("/api/v1/models", token, Map.of("name", "upload-bench")).json().get("id").asLong();
    long before = usedHeap();
    long t0 = System.nanoTime();
    var r = api.upload("/api/v1/models/" + model + "/versions", token,
        () -> new Multipart().file("file", "big.pt", io.striate.support.TorchScriptArchives.padded(
            io.striate.support.TorchScriptArchives.TINY_DICT, megabytes << 20, 1)).build(),
        Multipart.BOUNDARY);
    double seconds = (System.nanoTime() - t0) / 1e9;
    long after = usedHeap();
    System.out.printf("[bench] upload %d MB: status %d in %.1f s (%.0f MB/s); used heap before %.1f MB, after %.1f MB,"
            + " max heap %.0f MB%n", megabytes, r.status(), seconds, megabytes / seconds, before / 1048576.0,
        after / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0);
  }

  private static long usedHeap() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
