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

/**
 * Issue 8 item 1: thousands of jobs that finish in under a millisecond, interleaved with slow ones, through the
 * application's real workers and heartbeats. A heartbeat that outlives its attempt (and interrupts the thread, by
 * then running the next job) used to fail healthy jobs as {@code internal}; none may fail.
 */
class WorkerRaceIntegrationTest extends IntegrationTest {
  private static final int FAST_JOBS = 1000;
  private static final int SLOW_JOBS = 40;
  private static final int MODELS = 16;

  @Autowired
  JdbcTemplate jdbc;

  @Test
  void aThousandFastJobsInterleavedWithSlowOnesAllSucceed() {
    String token = userToken("race");
    List<Long> models = new java.util.ArrayList<>();
    for (int m = 0; m < MODELS; m++) {
      models.add(createModel(token, "race-model-" + m));
    }
    // versions straight in SQL, spread over several models (a model's leaderboard rows are written one job at a
    // time): a test-… spec loads as the test model, without 1,040 preflights
    jdbc.update("""
        insert into model_version (model_id, sha256, kind, size_bytes, spec, metadata)
        select (?::bigint[])[1 + g % ?], encode(sha256(('race-' || g)::bytea), 'hex'), 'block_spec', 1,
               jsonb_build_object('name', 'test-race-' || g), '{}'::jsonb
          from generate_series(1, ?) g""", models.toArray(new Long[0]), MODELS, FAST_JOBS + SLOW_JOBS);
    List<Long> versions = jdbc.queryForList("select id from model_version where model_id = any(?::bigint[]) "
        + "order by id", Long.class, (Object) models.toArray(new Long[0]));
    Long submission = jdbc.queryForObject("""
        insert into submission (model_version_id, owner, request_hash, benchmarks)
        values (?, 'race', repeat('0', 64), 'race') returning id""", Long.class, versions.get(0));
    long start = System.nanoTime();
    // one slow job after every 25 fast ones, all runnable at once
    jdbc.update("""
        insert into job (submission_id, model_version_id, benchmark_id, state, max_attempts)
        select ?, v.id, case when v.n % 26 = 0 then ? else ? end, 'queued', 3
          from (select id, row_number() over (order by id) n from model_version
                 where model_id = any(?::bigint[])) v
         order by v.n""", submission, TestBenchmarks.SLOW, TestBenchmarks.FAST, models.toArray(new Long[0]));
    int total = FAST_JOBS + SLOW_JOBS;
    await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(200)).until(() -> jdbc.queryForObject(
        "select count(*) from job where submission_id = ? and state in ('succeeded', 'failed', 'cancelled')",
        Long.class, submission) == total);
    double seconds = (System.nanoTime() - start) / 1e9;
    List<Map<String, Object>> failed = jdbc.queryForList("""
        select id, benchmark_id, attempts, failure_kind, failure_message from job
         where submission_id = ? and state <> 'succeeded' order by id""", submission);
    Long retried = jdbc.queryForObject("select count(*) from job where submission_id = ? and attempts > 1", Long.class,
        submission);
    System.out.printf("[race] %d jobs (%d fast, %d slow) in %.1f s: %d failed, %d needed more than one attempt%n",
        total, jdbc.queryForObject("select count(*) from job where submission_id = ? and benchmark_id = ?",
            Long.class, submission, TestBenchmarks.FAST),
        jdbc.queryForObject("select count(*) from job where submission_id = ? and benchmark_id = ?",
            Long.class, submission, TestBenchmarks.SLOW), seconds, failed.size(), retried);
    failed.stream().limit(5).forEach(f -> System.out.println("[race] " + f));
    assertThat(failed).as("jobs that did not succeed").isEmpty();
  }
}
