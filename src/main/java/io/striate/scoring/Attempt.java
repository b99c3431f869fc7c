package io.striate.scoring;

import io.striate.problem.FailureKind;
import io.striate.problem.ScoringException;
import java.util.concurrent.ScheduledFuture;

/**
 * One attempt at a claimed job: the job id and the attempt number the claim started (the token every write of the
 * worker carries), the thread running it, its progress, and why it was asked to stop, if it was.
 *
 * <p>Cancellation is scoped to the attempt: {@link #stop} records a reason and interrupts the thread only while
 * the attempt is running; {@link #end}, called by that thread when the attempt is over, cancels the heartbeat,
 * waits for a heartbeat in flight ({@link #ifActive} holds the same lock), and clears any interrupt it delivered.
 * After {@code end()} returns no heartbeat runs and no interrupt of this attempt can reach the next job.
 */
final class Attempt {
  /** Why an attempt stopped before it finished. */
  enum Stop {
    /** Another attempt owns the job now (the lease expired); write nothing. */
    LEASE_LOST,
    /** The submission was cancelled; write nothing. */
    CANCELLED,
    /** Over its time budget: the job fails as {@code invalid-model}. */
    TOO_SLOW,
    /** Over its time budget while still delivering images: retried with a larger budget. */
    TOO_SLOW_RETRY,
    /** The worker is shutting down: the job goes back to the queue at once. */
    SHUTDOWN
  }

  private final long jobId;
  private final int number;
  private final String worker;
  private final Thread thread;
  private final long startNanos = System.nanoTime();
  private final Object lock = new Object();
  private boolean ended;
  private ScheduledFuture<?> heartbeat;
  private volatile Stop stop;
  private volatile String stopMessage;
  private volatile String stage = "loading model";
  private volatile double progress;
  private volatile Budget.Forward forward;

  Attempt(long jobId, int number, String worker, Thread thread) {
    this.jobId = jobId;
    this.number = number;
    this.worker = worker;
    this.thread = thread;
  }

  long jobId() {
    return jobId;
  }

  int number() {
    return number;
  }

  String worker() {
    return worker;
  }

  double elapsedSeconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  void heartbeat(ScheduledFuture<?> future) {
    synchronized (lock) {
      if (ended) {
        future.cancel(false);
      } else {
        heartbeat = future;
      }
    }
  }

  /**
   * Asks the attempt to stop: records why and interrupts its thread (to leave a blocking wait for a forward pass).
   * A no-op once the attempt ended or after a first stop.
   *
   * @return whether this call stopped it
   */
  boolean stop(Stop reason, String message) {
    synchronized (lock) {
      if (ended || stop != null) {
        return false;
      }
      stop = reason;
      stopMessage = message;
      thread.interrupt();
      return true;
    }
  }

  /** Runs {@code body} (a heartbeat) unless the attempt ended; {@link #end} waits for it to finish. */
  boolean ifActive(Runnable body) {
    synchronized (lock) {
      if (ended) {
        return false;
      }
      body.run();
      return true;
    }
  }

  /** Ends the attempt; must be called by the attempt's own thread. */
  void end() {
    synchronized (lock) {
      ended = true;
      if (heartbeat != null) {
        heartbeat.cancel(false);
      }
    }
    Thread.interrupted();
  }

  boolean ended() {
    synchronized (lock) {
      return ended;
    }
  }

  Stop stopped() {
    return stop;
  }

  String stopMessage() {
    return stopMessage;
  }

  /** Throws when the attempt was asked to stop: benchmarks call this through every progress report. */
  void checkStop() {
    Stop s = stop;
    if (s != null) {
      throw new ScoringException(FailureKind.TRANSIENT, "attempt stopped: " + s + (stopMessage == null ? ""
          : " (" + stopMessage + ")"));
    }
  }

  void progress(String stage, double fraction) {
    this.stage = stage;
    this.progress = fraction;
  }

  String stage() {
    return stage;
  }

  double progress() {
    return progress;
  }

  /** The forward pass (activations call) running now, or null. */
  Budget.Forward forward() {
    return forward;
  }

  void forward(Budget.Forward f) {
    this.forward = f;
  }
}
