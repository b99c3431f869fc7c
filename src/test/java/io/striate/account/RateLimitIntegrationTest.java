package io.striate.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.striate.support.Api;
import io.striate.support.TestDatabase;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The per-token limit through the HTTP filter: a burst beyond the limit gets 429 with Retry-After. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "striate.roles=api", "striate.admin-token=" + RateLimitIntegrationTest.ADMIN,
    "striate.limits.requests-per-minute=5"})
class RateLimitIntegrationTest {
  static final String ADMIN = "stk_rate-limit-admin-000000";

  @Value("${local.server.port}")
  int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) throws Exception {
    TestDatabase.register(registry);
    String dir = Files.createTempDirectory("striate-rate-").toString();
    registry.add("striate.storage.dir", () -> dir);
  }

  @Test
  void sixthRequestInAMinuteIsRefusedWithRetryAfterWhileAnonymousReadsPass() {
    Api api = new Api(port);
    for (int i = 0; i < 5; i++) {
      assertThat(api.get("/api/v1/tokens", ADMIN).status()).isEqualTo(200);
    }
    var limited = api.get("/api/v1/tokens", ADMIN);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.json().get("code").asString()).isEqualTo("rate-limited");
    assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(
        s -> assertThat(Integer.parseInt(s)).isBetween(1, 60));
    assertThat(api.get("/api/v1/leaderboard", null).status()).isEqualTo(200);
  }
}
