package io.striate.model.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.striate.problem.ServiceBusyException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bounded pool of model processes and the watchdog that ends a child with its parent. */
class IsolationTest {
  @TempDir
  Path dir;

  @Test
  void poolRefusesBeyondItsQueueWithRetryAfter() throws Exception {
    ModelProcessPool pool = new ModelProcessPool("test", 1, 1, Duration.ofSeconds(3));
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch holding = new CountDownLatch(1);
    Thread holder = new Thread(() -> pool.run(() -> {
      holding.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    }));
    holder.start();
    holding.await();
    Thread waiter = new Thread(() -> pool.run(() -> null)); // takes the one queue place
    waiter.start();
    Thread.sleep(200);
    assertThatThrownBy(() -> pool.run(() -> null)).isInstanceOfSatisfying(ServiceBusyException.class, e -> {
      assertThat(e.code()).isEqualTo("busy");
      assertThat(e.retryAfterSeconds()).isEqualTo(3);
    });
    release.countDown();
    holder.join();
    waiter.join();
    assertThat(pool.active()).isZero();
  }

  /** Closing the child's stdin is what the OS does when the parent dies, even by kill -9. */
  @Test
  void childEndsWhenItsParentPipeCloses() throws Exception {
    Process child = ChildJvm.start(WatchedHangingMain.class.getName(), "64m", List.of(), dir);
    Thread.sleep(500);
    assertThat(child.isAlive()).isTrue();
    child.getOutputStream().close();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child ended").isTrue();
    assertThat(child.exitValue()).isEqualTo(ParentWatchdog.EXIT_PARENT_GONE);
  }

  /** A child that would run forever but installs the watchdog, as PreflightMain and ActivationMain do. */
  public static final class WatchedHangingMain {
    public static void main(String[] args) throws InterruptedException {
      ParentWatchdog.start();
      Thread.sleep(Long.MAX_VALUE);
    }
  }
}
