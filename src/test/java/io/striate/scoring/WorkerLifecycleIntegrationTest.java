package io.striate.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.striate.support.IntegrationTest;
import io.striate.support.TestBenchmarks;
import io.striate.support.TestModels;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 9 (workers) and issue 13 item 7: a job over its time budget fails as too-slow, a cancelled job stops
 * within seconds, a job that keeps killing its worker is quarantined, shutdown releases running jobs at once, and
 * an idle worker with a stray interrupt does not busy-poll PostgreSQL.
 */
class WorkerLifecycleIntegrationTest extends IntegrationTest {
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  ScoringWorkers workers;

  @Test
  void aForwardPassOverItsBudgetFailsAsTooSlowWithTheMeasuredRate() {
    String token = userToken("slowpoke");
    long version = testVersion(token, createModel(token, "slowpoke-model"), "slowpoke");
    TestModels.FORWARD_MILLIS.put(version, 120_000L); // 4 images: 8 minutes, budget max(10 s, 50 × 4 × ~0 ms)
    long submission = submit(token, version);
    long start = System.nanoTime();
    await().atMost(PATIENCE).until(() -> "failed".equals(jobState(submission)));
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, Object> job = job(submission);
    System.out.printf("[budget] too-slow after %.1f s: %s%n", seconds, job.get("failure_message"));
    assertThat(job.get("failure_kind")).isEqualTo("invalid-model");
    assertThat((String) job.get("failure_message")).startsWith("too-slow: 0 of 4 images").contains("budget was 10.0 s");
    assertThat(job.get("attempts")).isEqualTo(1);
    assertThat(seconds).isLessThan(60);
  }

  @Test
  void cancellingASubmissionStopsItsRunningJobWithinSeconds() {
    String token = userToken("canceller");
    long version = testVersion(token, createModel(token, "cancel-model"), "cancel");
    TestModels.FORWARD_MILLIS.put(version, 120_000L);
    long submission = submit(token, version);
    await().atMost(PATIENCE).until(() -> "running".equals(jobState(submission))
        && "activations".equals(job(submission).get("stage")));
    long cancelled = System.nanoTime();
    var r = api.delete("/api/v1/submissions/" + submission, token);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("state").asString()).isEqualTo("cancelled");
    await().atMost(Duration.ofSeconds(30)).until(() -> TestBenchmarks.RETURNED.getOrDefault(version, 0L) > cancelled);
    double latency = (TestBenchmarks.RETURNED.get(version) - cancelled) / 1e9;
    System.out.printf("[cancel] the running job's benchmark returned %.3f s after DELETE%n", latency);
    assertThat(latency).isLessThan(5);
    assertThat(jobState(submission)).isEqualTo("cancelled");
    assertThat(jdbc.queryForObject("select count(*) from score where model_version_id = ?", Long.class, version))
        .isZero();
  }

  @Test
  void aJobWhoseWorkerDiedOnThreeAttemptsIsQuarantinedNotClaimedAgain() {
    String token = userToken("killer");
    long version = testVersion(token, createModel(token, "killer-model"), "killer");
    // the third attempt of a job whose first two attempts' workers died too: running, lease about to expire (five
    // attempts allowed, so only the lost-lease count can end it)
    Long jobId = jdbc.queryForObject("""
        with s as (insert into submission (model_version_id, owner, request_hash, benchmarks)
                   values (?, 'killer', repeat('0', 64), 'test-quick') returning id)
        insert into job (submission_id, model_version_id, benchmark_id, state, attempts, max_attempts, lost_leases,
                         lease_owner, lease_expires_at, started_at, stage)
        select s.id, ?, 'test-quick', 'running', 3, 5, 2, 'killed-worker', now() + interval '500 milliseconds',
               now(), 'scoring' from s returning id""", Long.class, version, version);
    await().atMost(PATIENCE).until(() -> !"running".equals(jdbc.queryForObject(
        "select state from job where id = ?", String.class, jobId)));
    Map<String, Object> job = jdbc.queryForMap("select * from job where id = ?", jobId);
    assertThat(job.get("state")).isEqualTo("failed");
    assertThat(job.get("failure_kind")).isEqualTo("invalid-model");
    assertThat((String) job.get("failure_message")).startsWith("quarantined");
    assertThat(job.get("attempts")).isEqualTo(3);
    assertThat(TestBenchmarks.runs("test-quick", version)).isZero();
  }

  @Test
  void shutdownReleasesARunningJobToTheQueueAtOnce() {
    String token = userToken("shutdown");
    long version = testVersion(token, createModel(token, "shutdown-model"), "shutdown");
    TestModels.FORWARD_MILLIS.put(version, 120_000L);
    long submission = submit(token, version);
    await().atMost(PATIENCE).until(() -> "activations".equals(job(submission).get("stage")));
    long start = System.nanoTime();
    workers.stop();
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, Object> released = job(submission);
    try {
      System.out.printf("[shutdown] stop() returned after %.2f s; job %s, attempts %s, lease owner %s%n", seconds,
          released.get("state"), released.get("attempts"), released.get("lease_owner"));
      assertThat(released.get("state")).isEqualTo("queued");
      assertThat(released.get("attempts")).isEqualTo(0);
      assertThat(released.get("lease_owner")).isNull();
      assertThat(seconds).isLessThan(10);
    } finally {
      workers.start();
      api.delete("/api/v1/submissions/" + submission, token);
    }
  }

  /** Idle ceiling for all of the test context's background pollers together (the old busy loop: ~5,800/s). */
  private static final double IDLE_COMMITS_PER_SECOND = 100;

  @Test
  void anIdleWorkerWithAStrayInterruptDoesNotBusyPoll() throws Exception {
    await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
        "select count(*) from job where state in ('queued', 'running')", Long.class) == 0);
    Thread.sleep(500);
    List<Thread> idle = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("striate-worker")).toList();
    assertThat(idle).isNotEmpty();
    idle.forEach(Thread::interrupt);
    long before = commits();
    long t0 = System.nanoTime();
    Thread.sleep(4_000);
    long after = commits();
    double perSecond = (after - before) / ((System.nanoTime() - t0) / 1e9);
    System.out.printf("[idle] %d idle worker threads after a stray interrupt: %.1f transactions/s%n", idle.size(),
        perSecond);
    assertThat(perSecond).as("the whole test context's commits/s: the 300 ms reaper, the webhook outbox scan and the "
        + "submission watcher poll too; a busy-polling worker makes thousands").isLessThan(IDLE_COMMITS_PER_SECOND);
  }

  private long commits() {
    jdbc.execute("select pg_stat_clear_snapshot()");
    return jdbc.queryForObject("select xact_commit from pg_stat_database where datname = current_database()",
        Long.class);
  }

  private long submit(String token, long version) {
    var r = api.post("/api/v1/submissions", token, Map.of("modelVersionId", version, "benchmarks",
        List.of(TestBenchmarks.FORWARD)));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asLong();
  }

  private Map<String, Object> job(long submission) {
    return jdbc.queryForMap("select * from job where submission_id = ? order by id limit 1", submission);
  }

  private String jobState(long submission) {
    return (String) job(submission).get("state");
  }
}
