package io.striate.model.isolation;

import io.striate.problem.ServiceBusyException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Bounds how many model processes (preflight checks, activation requests) run at once: at most {@code processes}
 * run, at most {@code queueLimit} more wait (each at most {@code maxWait}); anything beyond is refused at once with
 * {@link ServiceBusyException} (503 {@code busy} with {@code Retry-After}), so a burst of uploads costs a bounded
 * amount of memory and answers quickly instead of starting a JVM per request.
 */
public final class ModelProcessPool {
  private final String name;
  private final Semaphore running;
  private final int processes;
  private final int queueLimit;
  private final Duration maxWait;
  private final AtomicInteger waiting = new AtomicInteger();

  public ModelProcessPool(String name, int processes, int queueLimit, Duration maxWait) {
    if (processes < 1 || queueLimit < 0) throw new IllegalArgumentException("processes >= 1, queueLimit >= 0");
    this.name = name;
    this.processes = processes;
    this.running = new Semaphore(processes, true);
    this.queueLimit = queueLimit;
    this.maxWait = maxWait;
  }

  /** Runs {@code task} holding one of the pool's slots. */
  public <T> T run(Supplier<T> task) {
    try (Slot slot = acquire()) {
      return task.get();
    }
  }

  /** One slot of the pool, held until closed (closing twice releases once). */
  public final class Slot implements AutoCloseable {
    private final java.util.concurrent.atomic.AtomicBoolean held = new java.util.concurrent.atomic.AtomicBoolean(true);

    @Override
    public void close() {
      if (held.getAndSet(false)) {
        running.release();
      }
    }
  }

  /** Takes a slot, waiting in the bounded queue when all are busy. */
  public Slot acquire() {
    if (!running.tryAcquire()) {
      if (waiting.incrementAndGet() > queueLimit) {
        waiting.decrementAndGet();
        throw busy();
      }
      try {
        if (!running.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
          throw busy();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw busy();
      } finally {
        waiting.decrementAndGet();
      }
    }
    return new Slot();
  }

  /** Slots in use now (for tests and metrics). */
  public int active() {
    return processes - running.availablePermits();
  }

  private ServiceBusyException busy() {
    long retry = Math.max(1, maxWait.toSeconds());
    return new ServiceBusyException("busy", "All " + processes + " " + name + " processes are busy and "
        + queueLimit + " requests are waiting", "Retry after " + retry + " s", retry);
  }
}
