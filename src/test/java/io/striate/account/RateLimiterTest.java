package io.striate.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void allowsTheConfiguredBurstThenAsksToWaitAndRefills() {
    RateLimiter limiter = new RateLimiter(60);
    for (int i = 0; i < 60; i++) {
      assertThat(limiter.acquire(1, 0)).isZero();
    }
    assertThat(limiter.acquire(1, 0)).isEqualTo(1);
    assertThat(limiter.acquire(2, 0)).as("other tokens have their own bucket").isZero();
    assertThat(limiter.acquire(1, SECOND)).as("one request per second refills").isZero();
    assertThat(limiter.acquire(1, SECOND)).isPositive();
  }

  @Test
  void zeroDisablesTheLimit() {
    RateLimiter limiter = new RateLimiter(0);
    for (int i = 0; i < 10_000; i++) {
      assertThat(limiter.acquire(1, 0)).isZero();
    }
  }
}
