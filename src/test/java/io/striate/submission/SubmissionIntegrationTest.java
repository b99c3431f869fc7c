package io.striate.submission;

import static org.assertj.core.api.Assertions.assertThat;

import io.striate.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class SubmissionIntegrationTest extends IntegrationTest {
  @Autowired
  JdbcTemplate jdbc;

  @Test
  void idempotencyKeyReturnsTheFirstSubmissionAndRejectsAnotherBody() {
    String token = userToken("idem");
    long version = testVersion(token, createModel(token, "idem-model"), "idem");
    Map<String, Object> body = Map.of("modelVersionId", version, "benchmarks", List.of("test-quick"));
    var first = api.post("/api/v1/submissions", token, body, "Idempotency-Key", "key-1");
    var replay = api.post("/api/v1/submissions", token, body, "Idempotency-Key", "key-1");
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    assertThat(replay.status()).isEqualTo(200);
    assertThat(replay.json().get("id").asLong()).isEqualTo(first.json().get("id").asLong());
    assertThat(jdbc.queryForObject("select count(*) from job where submission_id = ?", Long.class,
        first.json().get("id").asLong())).isEqualTo(1);

    var conflict = api.post("/api/v1/submissions", token, Map.of("modelVersionId", version, "benchmarks",
        List.of("test-flaky")), "Idempotency-Key", "key-1");
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.json().get("code").asString()).isEqualTo("idempotency-key-reused");
    assertThat(conflict.json().get("field").asString()).isEqualTo("Idempotency-Key");
  }

  @Test
  void errorCasesAreProblemsWithCodeFieldAndHint() {
    String token = userToken("errors");
    long version = testVersion(token, createModel(token, "errors-model"), "errors");
    long submissionsBefore = jdbc.queryForObject("select count(*) from submission", Long.class);

    var unknown = api.post("/api/v1/submissions", token, Map.of("modelVersionId", version, "benchmarks",
        List.of("test-quick", "NoSuch2020-benchmark")));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get("code").asString()).isEqualTo("unknown-benchmark");
    assertThat(unknown.json().get("field").asString()).isEqualTo("/benchmarks/1");
    assertThat(unknown.json().get("valid").toString()).contains("test-quick", "v1", "V1-orientation");

    var malformed = api.post("/api/v1/submissions", token, "{\"modelVersionId\": \"abc\"}");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().get("code").asString()).isEqualTo("malformed-json");
    assertThat(malformed.json().get("field").asString()).isEqualTo("/modelVersionId");

    var syntax = api.post("/api/v1/submissions", token, "{\"modelVersionId\": 1,");
    assertThat(syntax.status()).isEqualTo(400);
    assertThat(syntax.json().get("code").asString()).isEqualTo("malformed-json");

    var missing = api.post("/api/v1/submissions", token, Map.of("benchmarks", List.of("v1")));
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().get("code").asString()).isEqualTo("invalid-field");
    assertThat(missing.json().get("field").asString()).isEqualTo("/modelVersionId");

    var noVersion = api.post("/api/v1/submissions", token, Map.of("modelVersionId", 987654321));
    assertThat(noVersion.status()).isEqualTo(404);
    assertThat(noVersion.json().get("code").asString()).isEqualTo("version-not-found");

    var noSubmission = api.get("/api/v1/submissions/987654321", token);
    assertThat(noSubmission.status()).isEqualTo(404);
    assertThat(noSubmission.json().get("hint").asString()).isNotBlank();

    assertThat(jdbc.queryForObject("select count(*) from submission", Long.class)).isEqualTo(submissionsBefore);
  }
}
