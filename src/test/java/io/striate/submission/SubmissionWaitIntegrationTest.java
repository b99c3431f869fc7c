package io.striate.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.striate.config.StriateProperties;
import io.striate.support.IntegrationTest;
import io.striate.problem.ProblemException;
import io.striate.problem.ProblemStatus;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Long poll, Server-Sent Events, dry run with estimates, and the daily quota, over HTTP. */
class SubmissionWaitIntegrationTest extends IntegrationTest {
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  TransactionTemplate tx;

  private long submit(String token, long version, List<String> benchmarks) {
    var r = api.post("/api/v1/submissions", token, Map.of("modelVersionId", version, "benchmarks", benchmarks));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asLong();
  }

  @Test
  void longPollReturnsOnChangeAndAtOnceWhenFinished() {
    String token = userToken("wait");
    long version = testVersion(token, createModel(token, "wait-model"), "wait");
    long id = submit(token, version, List.of("test-layer-sweep", "test-quick"));
    String state = "queued";
    int polls = 0;
    int returnedEarlyOnChange = 0;
    while (!state.equals("succeeded") && polls < 20) {
      long t0 = System.nanoTime();
      var r = api.get("/api/v1/submissions/" + id + "?wait=20s", token);
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      state = r.json().get("state").asString();
      if (Duration.ofNanos(System.nanoTime() - t0).compareTo(Duration.ofSeconds(19)) < 0) {
        returnedEarlyOnChange++;
      }
      polls++;
    }
    assertThat(state).isEqualTo("succeeded");
    // polls return when something changes, not when their 20 s run out
    assertThat(returnedEarlyOnChange).isPositive();

    long t1 = System.nanoTime();
    var done = api.get("/api/v1/submissions/" + id + "?wait=60s", token);
    assertThat(done.json().get("state").asString()).isEqualTo("succeeded");
    assertThat(Duration.ofNanos(System.nanoTime() - t1)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void badWaitValuesAreProblems() {
    String token = userToken("badwait");
    long id = submit(token, testVersion(token, createModel(token, "badwait-model"), "badwait"), List.of("test-quick"));
    var tooLong = api.get("/api/v1/submissions/" + id + "?wait=10m", token);
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.json().get("code").asString()).isEqualTo("wait-too-long");
    assertThat(tooLong.json().get("field").asString()).isEqualTo("wait");
    assertThat(tooLong.json().get("hint").asString()).contains("120s");
    var garbage = api.get("/api/v1/submissions/" + id + "?wait=soon", token);
    assertThat(garbage.status()).isEqualTo(400);
    assertThat(garbage.json().get("code").asString()).isEqualTo("invalid-wait");
  }

  @Test
  void eventStreamSendsStatesEachScoreAndAFinalEvent() throws Exception {
    String token = userToken("sse");
    long version = testVersion(token, createModel(token, "sse-model"), "sse");
    long id = submit(token, version, List.of("test-layer-sweep", "test-quick"));
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/submissions/" + id
        + "/events")).header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build();
    HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request,
        HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
    List<String> events = new ArrayList<>();
    List<String> data = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        if (line.startsWith("event:")) {
          events.add(line.substring(6).trim());
        } else if (line.startsWith("data:")) {
          data.add(line.substring(5).trim());
        }
      }
    }
    assertThat(events.get(0)).isEqualTo("state");
    assertThat(events).filteredOn("score"::equals).hasSize(2);
    assertThat(events.get(events.size() - 1)).isEqualTo("finished");
    assertThat(data.get(data.size() - 1)).contains("\"state\":\"succeeded\"");
    assertThat(String.join("\n", data)).contains("\"benchmarkId\":\"test-quick\"", "\"ceiled\":0.5",
        "\"benchmarkId\":\"test-layer-sweep\"");
  }

  @Test
  void dryRunCreatesNothingAndStatesWhatWouldRunAndWhy() {
    String token = userToken("dry");
    long version = testVersion(token, createModel(token, "dry-model"), "dry");
    long before = jdbc.queryForObject("select count(*) from submission", Long.class);
    var dry = api.post("/api/v1/submissions?dryRun=true", token, Map.of("modelVersionId", version,
        "benchmarks", List.of("v1")));
    assertThat(dry.status()).as(dry.body()).isEqualTo(200);
    assertThat(dry.json().get("dryRun").asBoolean()).isTrue();
    assertThat(dry.json().get("wouldRun").toString()).contains("test-surround-probe", "test-layer-sweep");
    assertThat(jdbc.queryForObject("select count(*) from submission", Long.class)).isEqualTo(before);
    var estimates = dry.json().get("estimates");
    assertThat(estimates.get("millisPerImage").isNumber()).as(estimates.toString()).isTrue();
    String all = estimates.get("benchmarks").toString();
    // the Ringach 2002 property benchmarks need data that is not distributed: unavailable, with the reason
    assertThat(all).contains("\"status\":\"unavailable\"", "Ringach");
    assertThat(all).contains("\"benchmarkId\":\"test-surround-probe\",\"status\":\"queued\"");

    var real = api.post("/api/v1/submissions", token, Map.of("modelVersionId", version, "benchmarks",
        List.of("test-quick")));
    assertThat(real.json().get("estimates").get("benchmarks").get(0).get("benchmarkId").asString())
        .isEqualTo("test-quick");
  }

  @Test
  void quotaCountsOnlyAcceptedSubmissionsAndSaysWhenItResets() {
    String token = userToken("quota");
    long version = testVersion(token, createModel(token, "quota-model"), "quota");
    StriateProperties limited = new Binder(new MapConfigurationPropertySource(Map.of(
        "striate.limits.submissions-per-day", "2"))).bind("striate", Bindable.of(StriateProperties.class)).get();
    SubmissionQuota quota = new SubmissionQuota(jdbc, limited);
    submit(token, version, List.of("test-quick"));
    var refused = api.post("/api/v1/submissions", token, Map.of("modelVersionId", version, "benchmarks",
        List.of("NoSuch-benchmark")));
    assertThat(refused.status()).isEqualTo(400);
    tx.executeWithoutResult(s -> quota.check("quota")); // 1 of 2 used: the refused request did not count
    submit(token, version, List.of("test-flaky"));
    assertThatThrownBy(() -> tx.executeWithoutResult(s -> quota.check("quota")))
        .isInstanceOfSatisfying(ProblemException.class, e -> {
          assertThat(e.status().code()).isEqualTo(429);
          assertThat(e.code()).isEqualTo("quota-exceeded");
          assertThat(e.extra().get("resetsAt").toString()).endsWith("T00:00:00Z");
          assertThat(e.hint()).contains("resets at");
        });
    tx.executeWithoutResult(s -> quota.check("someone-else"));
  }
}
