package io.striate.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.striate.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class TokenLifecycleIntegrationTest extends IntegrationTest {
  @Autowired
  JdbcTemplate jdbc;

  @Test
  void adminCreatesTokenWhichWorksAndIsStoredOnlyHashedUntilRevoked() {
    var created = api.post("/api/v1/tokens", ADMIN, Map.of("name", "ci", "owner", "alice", "scopes",
        List.of("submit")));
    assertThat(created.status()).isEqualTo(201);
    String secret = created.json().get("secret").asString();
    long id = created.json().get("token").get("id").asLong();
    assertThat(secret).startsWith("stk_");

    String stored = jdbc.queryForObject("select token_hash from api_token where id = ?", String.class, id);
    assertThat(stored).isNotEqualTo(secret).hasSize(64);
    assertThat(jdbc.queryForObject("select count(*) from api_token where token_hash = ? or token_prefix = ?",
        Long.class, secret, secret)).isZero();

    var mine = api.get("/api/v1/tokens", secret);
    assertThat(mine.status()).isEqualTo(200);
    assertThat(mine.body()).doesNotContain(secret).contains("\"owner\":\"alice\"");

    assertThat(api.post("/api/v1/models", secret, Map.of("name", "m-alice")).status()).isEqualTo(201);

    assertThat(api.delete("/api/v1/tokens/" + id, secret).status()).isEqualTo(200);
    var afterRevoke = api.post("/api/v1/models", secret, Map.of("name", "m-alice-2"));
    assertThat(afterRevoke.status()).isEqualTo(401);
    assertThat(afterRevoke.json().get("code").asString()).isEqualTo("invalid-token");
  }

  @Test
  void scopesAreEnforced() {
    String user = userToken("bob");
    var adminOnly = api.post("/api/v1/tokens", user, Map.of("name", "x", "owner", "carol", "scopes",
        List.of("submit")));
    assertThat(adminOnly.status()).isEqualTo(403);
    assertThat(adminOnly.json().get("code").asString()).isEqualTo("insufficient-scope");
    var escalate = api.post("/api/v1/tokens", user, Map.of("name", "x", "scopes", List.of("admin")));
    assertThat(escalate.status()).isEqualTo(403);
    var own = api.post("/api/v1/tokens", user, Map.of("name", "second"));
    assertThat(own.status()).isEqualTo(201);
    assertThat(own.json().get("token").get("owner").asString()).isEqualTo("bob");
  }

  @Test
  void writesNeedATokenAndReadsDoNot() {
    var anonymousWrite = api.post("/api/v1/models", null, Map.of("name", "anon"));
    assertThat(anonymousWrite.status()).isEqualTo(401);
    assertThat(anonymousWrite.json().get("code").asString()).isEqualTo("missing-token");
    assertThat(anonymousWrite.json().get("field").asString()).isEqualTo("Authorization");
    assertThat(anonymousWrite.json().get("hint").asString()).isNotBlank();
    assertThat(api.get("/api/v1/leaderboard", null).status()).isEqualTo(200);
    assertThat(api.get("/api/v1/benchmarks", null).status()).isEqualTo(200);
    var garbage = api.get("/api/v1/leaderboard", "stk_not-a-real-token");
    assertThat(garbage.status()).isEqualTo(401);
    assertThat(garbage.headers().firstValue("Content-Type")).hasValueSatisfying(
        ct -> assertThat(ct).contains("application/problem+json"));
  }
}
