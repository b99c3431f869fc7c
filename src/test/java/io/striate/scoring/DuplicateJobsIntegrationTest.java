package io.striate.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.striate.benchmark.BenchmarkInfo;
import io.striate.benchmark.BenchmarkScore;
import io.striate.support.Api;
import io.striate.support.IntegrationTest;
import io.striate.support.TestBenchmarks;
import io.striate.support.TestModels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Issue 9 item 6: concurrent submissions of one version queue each benchmark once (a unique partial index), the
 * others are told it is already queued, and recording the same score concurrently is idempotent.
 */
class DuplicateJobsIntegrationTest extends IntegrationTest {
  private static final int SUBMISSIONS = 24;

  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  ScoreRecorder recorder;
  @Autowired
  JobRepository jobs;

  @Test
  void concurrentSubmissionsOfOneVersionQueueEachBenchmarkOnce() throws Exception {
    String token = userToken("dupes");
    long version = testVersion(token, createModel(token, "dupes-model"), "dupes");
    TestModels.FORWARD_MILLIS.put(version, 300L);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Api.Response>> calls = new ArrayList<>();
    for (int i = 0; i < SUBMISSIONS; i++) {
      calls.add(pool.submit(() -> api.post("/api/v1/submissions", token, Map.of("modelVersionId", version,
          "benchmarks", List.of(TestBenchmarks.FORWARD, "test-quick")))));
    }
    int queuedJobs = 0;
    int toldAlreadyQueued = 0;
    int toldAlreadyScored = 0;
    for (Future<Api.Response> f : calls) {
      Api.Response r = f.get();
      assertThat(r.status()).as(r.body()).isEqualTo(201);
      JsonNode body = r.json();
      queuedJobs += body.get("jobs").size();
      toldAlreadyQueued += body.get("alreadyQueued").size();
      toldAlreadyScored += body.get("alreadyScored").size();
    }
    pool.shutdown();
    await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
        "select count(*) from job where model_version_id = ? and state in ('queued', 'running')", Long.class,
        version) == 0);
    Long jobRows = jdbc.queryForObject("select count(*) from job where model_version_id = ?", Long.class, version);
    Long failed = jdbc.queryForObject("select count(*) from job where model_version_id = ? and state = 'failed'",
        Long.class, version);
    System.out.printf("[dupes] %d concurrent submissions x 2 benchmarks: %d jobs queued, %d answered already "
        + "queued, %d job rows, %d failed, %d scores%n", SUBMISSIONS, queuedJobs, toldAlreadyQueued, jobRows, failed,
        jdbc.queryForObject("select count(*) from score where model_version_id = ?", Long.class, version));
    assertThat(failed).isZero();
    // every requested benchmark is accounted for: queued here, already queued, or (its job done) already scored
    assertThat(queuedJobs + toldAlreadyQueued + toldAlreadyScored).isEqualTo(2 * SUBMISSIONS);
    // a benchmark may be queued again only after its earlier job finished, and then its score exists already
    assertThat(jobRows).isEqualTo(queuedJobs).isLessThanOrEqualTo(4);
  }

  @Test
  void recordingOneScoreConcurrentlyIsIdempotent() throws Exception {
    String token = userToken("twice");
    long version = testVersion(token, createModel(token, "twice-model"), "twice");
    BenchmarkInfo info = new BenchmarkInfo("test-quick", 1, null, "test-quick", "test code", 1.0, "test code");
    int writers = 8;
    List<Callable<Boolean>> tasks = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      // running jobs of distinct benchmarks (the unique index allows one per benchmark) that record one score
      Long jobId = jdbc.queryForObject("""
          with s as (insert into submission (model_version_id, owner, request_hash, benchmarks)
                     values (?, 'twice', repeat('0', 64), 'x') returning id)
          insert into job (submission_id, model_version_id, benchmark_id, state, attempts, max_attempts,
                           lease_owner, lease_expires_at, started_at)
          select s.id, ?, 'twice-' || ?, 'running', 1, 3, 'w', now() + interval '1 hour', now() from s
          returning id""", Long.class, version, version, i);
      Job job = jobs.findById(jobId).orElseThrow();
      double value = 0.1 * i;
      tasks.add(() -> recorder.record(job, new Attempt(jobId, 1, "w", Thread.currentThread()), info,
          new BenchmarkScore(value, 1.0, value, 0.0, "layer", "raw/ceiling", Map.of())));
    }
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    for (Future<Boolean> f : pool.invokeAll(tasks)) {
      assertThat(f.get()).isTrue();
    }
    pool.shutdown();
    assertThat(jdbc.queryForObject("select count(*) from score where model_version_id = ? and benchmark_id = ?",
        Long.class, version, "test-quick")).isEqualTo(1);
  }
}
