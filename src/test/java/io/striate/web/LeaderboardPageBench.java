package io.striate.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.striate.benchmark.BenchmarkRegistry;
import io.striate.support.IntegrationTest;
import io.striate.support.LeaderboardSeed;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Server time of a leaderboard page of 50 rows with 10,000 seeded public models, for the HTML page and the JSON API,
 * against {@code /actuator/health} measured in the same run (the baseline: HTTP, filters and the servlet stack with
 * no query). Sequential requests from one client, then 4 concurrent clients; first idle, then while a worker scores a
 * shipped reference spec ({@code vone-v1}) on the installed property benchmarks. Run with
 * {@code mvn test -Dtest=LeaderboardPageBench -Dsurefire.excludedGroups=gpu}; prints p50/p99 in ms.
 */
@Tag("bench")
class LeaderboardPageBench extends IntegrationTest {
  private static final int MODELS = 10_000;
  private static final int WARMUP = 30;
  private static final int SAMPLES = 200;
  private static final int CLIENTS = 4;
  private final HttpClient http = HttpClient.newHttpClient();
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  BenchmarkRegistry registry;
  @Autowired
  io.striate.leaderboard.LeaderboardUpdater updater;

  @Test
  void pageOfFiftyRowsWithTenThousandModels() throws Exception {
    Long present = jdbc.queryForObject("select count(*) from model where owner = 'bench-seed'", Long.class);
    if (present == null || present == 0) {
      // rank on the installed benchmarks first, so that the seeded rows (values without scores) are kept
      updater.ensureCurrent();
      LeaderboardSeed.seed(jdbc, "bench-seed", "bench-", MODELS, registry.tree());
      jdbc.execute("analyze");
    }
    Map<String, String> targets = new LinkedHashMap<>();
    targets.put("baseline /actuator/health", "/actuator/health");
    targets.put("page / (V1, 50 rows)", "/?size=50");
    targets.put("page / sorted by a family, page 40", "/?size=50&sort=V1-orientation&order=asc&page=40");
    targets.put("page / filtered (q, kind, block, dates)",
        "/?size=50&q=bench-0&kind=block_spec&block=vone&from=2025-01-01");
    targets.put("API /api/v1/leaderboard (50 rows)", "/api/v1/leaderboard?size=50");
    targets.put("API sorted by a family, page 40", "/api/v1/leaderboard?size=50&sort=V1-orientation&order=asc&page=40");
    String first = get("/?size=50");
    assertThat(first).contains("bench-");
    StringBuilder report = new StringBuilder(String.format(Locale.ROOT, "%d public models; %d requests each%n",
        jdbc.queryForObject("select count(*) from model where visibility = 'public'", Long.class), SAMPLES));
    for (String phase : List.of("idle", "scoring")) {
      if (phase.equals("scoring")) {
        startScoring();
      }
      for (int clients : new int[] {1, CLIENTS}) {
        for (Map.Entry<String, String> t : targets.entrySet()) {
          for (int i = 0; i < WARMUP; i++) {
            get(t.getValue());
          }
          double[] ms = measure(t.getValue(), clients);
          String line = String.format(Locale.ROOT, "%-7s %d client(s)  %-40s p50 %6.2f ms  p99 %6.2f ms  "
              + "(%.0f req/s)%n", phase, clients, t.getKey(), percentile(ms, 50), percentile(ms, 99),
              rate(ms, clients));
          report.append(line);
          System.out.print("BENCH " + line);
        }
      }
      if (phase.equals("scoring")) {
        Long running = jdbc.queryForObject("select count(*) from job where state in ('running', 'queued')",
            Long.class);
        report.append("jobs still queued or running at the end of the scoring phase: ").append(running)
            .append('\n');
      }
    }
    System.out.println(report);
    Files.createDirectories(Path.of("target", "bench"));
    Files.writeString(Path.of("target", "bench", "leaderboard-page.txt"), report);
  }

  /** Submits the shipped vone-v1 spec on every installed property benchmark and waits until a job runs. */
  private void startScoring() {
    String token = userToken("bench-scorer");
    long model = createModel(token, "bench-scoring-vone");
    var version = api.post("/api/v1/models/" + model + "/versions", token, Map.of("reference", "vone-v1"));
    assertThat(version.status()).as(version.body()).isEqualTo(201);
    List<String> installed = registry.tree().leavesUnder("Marques2020").stream()
        .filter(id -> registry.find(id).orElseThrow().availability().available()).toList();
    var submission = api.post("/api/v1/submissions", token, Map.of("modelVersionId", version.json().get("id"),
        "benchmarks", installed));
    assertThat(submission.status()).as(submission.body()).isEqualTo(201);
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(2)).until(() ->
        jdbc.queryForObject("select count(*) from job where state = 'running'", Long.class) > 0);
  }

  private double[] measure(String path, int clients) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<double[]>> parts = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        parts.add(pool.submit(() -> {
          double[] out = new double[SAMPLES / clients];
          for (int i = 0; i < out.length; i++) {
            long t0 = System.nanoTime();
            get(path);
            out[i] = (System.nanoTime() - t0) / 1e6;
          }
          return out;
        }));
      }
      List<Double> all = new ArrayList<>();
      for (Future<double[]> f : parts) {
        for (double v : f.get()) {
          all.add(v);
        }
      }
      return all.stream().mapToDouble(Double::doubleValue).toArray();
    } finally {
      pool.shutdown();
    }
  }

  private String get(String path) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET()
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  private static double percentile(double[] xs, double p) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s[(int) Math.min(s.length - 1, Math.ceil(p / 100 * s.length) - 1)];
  }

  private static double rate(double[] ms, int clients) {
    return 1000.0 * clients / (Arrays.stream(ms).sum() / ms.length);
  }
}
