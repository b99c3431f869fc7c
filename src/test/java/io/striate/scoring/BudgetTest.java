package io.striate.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A healthy model on a loaded worker must not fail as too-slow on its first attempt (issue 9 budgets, seen in the
 * fault scenarios: a pixels model at 538 ms/image under load 38 against 1.2 ms/image measured by the preflight),
 * while a model that spins on real images still fails at once.
 */
class BudgetTest {
  private static final Duration MINIMUM = Duration.ofMillis(1);
  private static final Duration CEILING = Duration.ofHours(2);

  private static Budget budget(int attempt, int maxAttempts) {
    double factor = 20 * Math.pow(10, attempt - 1);
    return new Budget(factor, MINIMUM, CEILING, 0.001, attempt >= maxAttempts);
  }

  private static Attempt overrunning(Budget budget, int imagesDone) throws InterruptedException {
    Attempt attempt = new Attempt(1, 1, "w#0", Thread.currentThread());
    Budget.Forward forward = budget.start(100);
    attempt.forward(forward);
    forward.delivered(imagesDone);
    Thread.sleep(20); // 100 images × 0.001 ms × 20 = 2 ms of budget, clamped to the 1 ms minimum
    return attempt;
  }

  @Test
  void aForwardPassStillDeliveringImagesIsRetriedWithALargerBudget() throws InterruptedException {
    Budget first = budget(1, 3);
    Budget.Overrun overrun = first.overrun(overrunning(first, 40));
    assertThat(overrun).isNotNull();
    assertThat(overrun.retryable()).isTrue();
    assertThat(overrun.message()).startsWith("too-slow: 40 of 100 images");
    assertThat(budget(2, 3).forwardSeconds(100)).isEqualTo(10 * first.forwardSeconds(100));
  }

  @Test
  void aForwardPassThatDeliveredNoImageFailsAtOnce() throws InterruptedException {
    Budget first = budget(1, 3);
    Budget.Overrun overrun = first.overrun(overrunning(first, 0));
    assertThat(overrun.retryable()).isFalse();
    assertThat(overrun.message()).contains("no image finished");
  }

  @Test
  void theLastAttemptFailsForGood() throws InterruptedException {
    Budget last = new Budget(20, MINIMUM, CEILING, 0.001, true); // the third of three attempts
    assertThat(last.overrun(overrunning(last, 40)).retryable()).isFalse();
  }

  @Test
  void withinItsBudgetThereIsNoOverrun() {
    Budget roomy = new Budget(20, Duration.ofMinutes(10), CEILING, 0.001, false);
    Attempt attempt = new Attempt(1, 1, "w#0", Thread.currentThread());
    attempt.forward(roomy.start(100));
    assertThat(roomy.overrun(attempt)).isNull();
  }
}
