package io.striate.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.striate.support.IntegrationTest;
import io.striate.support.TestBenchmarks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** The PostgreSQL queue with the application's own 4 worker threads. */
class JobQueueIntegrationTest extends IntegrationTest {
  private static final int JOBS = 300;
  private static final Duration PATIENCE = Duration.ofSeconds(120);

  @Autowired
  JdbcTemplate jdbc;

  @Test
  void hundredsOfJobsUnderFourWorkersRunExactlyOnceEach() {
    String token = userToken("queue");
    long model = createModel(token, "queue-model");
    List<Long> versions = new ArrayList<>();
    for (int i = 0; i < JOBS; i++) {
      versions.add(testVersion(token, model, "q" + i));
    }
    long start = System.nanoTime();
    List<Long> submissions = new ArrayList<>();
    for (long v : versions) {
      submissions.add(submit(token, v, "test-quick").get("id").asLong());
    }
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() ->
        jdbc.queryForObject("select count(*) from job j join submission s on s.id = j.submission_id "
            + "where s.owner = 'queue' and j.state = 'succeeded'", Long.class) == JOBS);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("[queue] %d jobs submitted and completed by 4 workers in %.2f s: %.1f jobs/s%n", JOBS, seconds,
        JOBS / seconds);
    for (long v : versions) {
      assertThat(TestBenchmarks.runs("test-quick", v)).as("runs of version %d", v).isEqualTo(1);
    }
    assertThat(jdbc.queryForObject("select max(attempts) from job j join submission s on s.id = j.submission_id "
        + "where s.owner = 'queue'", Integer.class)).isEqualTo(1);
    JsonNode done = api.get("/api/v1/submissions/" + submissions.get(0), token).json();
    assertThat(done.get("state").asString()).isEqualTo("succeeded");
    assertThat(done.get("jobs").get(0).get("progress").asDouble()).isEqualTo(1.0);
  }

  @Test
  void jobOfAWorkerThatDiedIsRequeuedWhenItsLeaseExpiresAndCompleted() {
    String token = userToken("crash");
    long version = testVersion(token, createModel(token, "crash-model"), "crash");
    // What a killed worker process leaves behind: a running job, one attempt spent, a lease nobody renews.
    Long jobId = jdbc.queryForObject("""
        with s as (insert into submission (model_version_id, owner, request_hash, benchmarks)
                   values (?, 'crash', repeat('0', 64), 'test-quick') returning id)
        insert into job (submission_id, model_version_id, benchmark_id, state, attempts, max_attempts,
                         lease_owner, lease_expires_at, started_at, stage, created_at, run_after)
        select s.id, ?, 'test-quick', 'running', 1, 3, 'killed-worker', now() + interval '1 second', now(), 'scoring',
               now() - interval '1 minute', now() - interval '1 minute'
          from s returning id""", Long.class, version, version);
    await().atMost(PATIENCE).until(() -> "succeeded".equals(jdbc.queryForObject(
        "select state from job where id = ?", String.class, jobId)));
    Map<String, Object> job = jdbc.queryForMap("select attempts, lease_owner, lost_leases, run_after = created_at "
        + "as kept_its_place from job where id = ?", jobId);
    assertThat(job.get("attempts")).isEqualTo(2);
    assertThat(job.get("lease_owner")).isNull();
    assertThat(job.get("lost_leases")).isEqualTo(1);
    // requeued in its old place (run_after unchanged), not behind every job queued since
    assertThat(job.get("kept_its_place")).isEqualTo(true);
    assertThat(TestBenchmarks.runs("test-quick", version)).isEqualTo(1);
  }

  @Test
  void transientFailuresAreRetriedWithBackoffUntilTheyPass() {
    String token = userToken("flaky");
    long version = testVersion(token, createModel(token, "flaky-model"), "flaky");
    long submission = submit(token, version, "test-flaky").get("id").asLong();
    await().atMost(PATIENCE).until(() -> "succeeded".equals(api.get("/api/v1/submissions/" + submission, token)
        .json().get("state").asString()));
    JsonNode job = api.get("/api/v1/submissions/" + submission, token).json().get("jobs").get(0);
    assertThat(job.get("attempts").asInt()).isEqualTo(3);
    assertThat(TestBenchmarks.runs("test-flaky", version)).isEqualTo(3);
  }

  @Test
  void retriesStopAtTheLimitAndInvalidModelsAreNeverRetried() {
    String token = userToken("failing");
    long version = testVersion(token, createModel(token, "failing-model"), "failing");
    long outage = submit(token, version, "test-always-transient").get("id").asLong();
    long broken = submit(token, version, "test-invalid-model").get("id").asLong();
    await().atMost(PATIENCE).until(() -> "failed".equals(state(outage)) && "failed".equals(state(broken)));

    JsonNode outageJob = api.get("/api/v1/submissions/" + outage, token).json().get("jobs").get(0);
    assertThat(outageJob.get("attempts").asInt()).isEqualTo(3);
    assertThat(outageJob.get("failure").get("kind").asString()).isEqualTo("transient");
    assertThat(outageJob.get("failure").get("message").asString()).contains("simulated outage");

    JsonNode brokenJob = api.get("/api/v1/submissions/" + broken, token).json().get("jobs").get(0);
    assertThat(brokenJob.get("attempts").asInt()).isEqualTo(1);
    assertThat(brokenJob.get("failure").get("kind").asString()).isEqualTo("invalid-model");
    assertThat(TestBenchmarks.runs("test-invalid-model", version)).isEqualTo(1);
    assertThat(TestBenchmarks.runs("test-always-transient", version)).isEqualTo(3);
  }

  private String state(long submissionOrJob) {
    var r = api.get("/api/v1/submissions/" + submissionOrJob, IntegrationTest.ADMIN);
    if (r.status() == 200) {
      return r.json().get("state").asString();
    }
    return null;
  }

  private JsonNode submit(String token, long version, String benchmark) {
    var r = api.post("/api/v1/submissions", token, Map.of("modelVersionId", version, "benchmarks",
        List.of(benchmark)));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }
}
