package io.striate.scoring;

import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL {@code LISTEN striate_jobs} on one dedicated connection: the V3 trigger announces every change of a
 * job's state as {@code <state>:<id>}. Each notification wakes idle workers ({@link #await}); a
 * {@code cancelled:<id>} stops the running attempt of that job at once. When the connection is lost the listener
 * reconnects after {@code retryMillis}; meanwhile idle workers fall back to their slow poll.
 */
final class JobSignals implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(JobSignals.class);
  static final String CHANNEL = "striate_jobs";
  private final DataSource dataSource;
  private final LongConsumer cancelled;
  private final long retryMillis;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private long generation;
  private volatile boolean running = true;
  private volatile boolean listening;
  private volatile Connection connection;
  private final Thread thread;

  JobSignals(DataSource dataSource, LongConsumer cancelled, long retryMillis) {
    this.dataSource = dataSource;
    this.cancelled = cancelled;
    this.retryMillis = retryMillis;
    this.thread = new Thread(this::listen, "striate-job-listener");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Whether notifications are being received now (else workers rely on their poll). */
  boolean listening() {
    return listening;
  }

  /** A counter that changes with every notification: read it before looking for work, then {@link #await} it. */
  long generation() {
    lock.lock();
    try {
      return generation;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until a notification arrives after {@code seen} was read, or {@code millis} pass. A stray interrupt does
   * not end the wait early (it is cleared and logged), so it can never turn the idle loop into a busy loop.
   */
  void await(long seen, long millis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    lock.lock();
    try {
      while (running && generation == seen) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        try {
          changed.awaitNanos(left);
        } catch (InterruptedException e) {
          log.debug("Ignored an interrupt of an idle worker thread");
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private void signal() {
    lock.lock();
    try {
      generation++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void listen() {
    while (running) {
      try (Connection c = dataSource.getConnection()) {
        connection = c;
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
          s.execute("listen " + CHANNEL);
        }
        PGConnection pg = c.unwrap(PGConnection.class);
        listening = true;
        signal(); // anything queued while not listening
        while (running) {
          PGNotification[] notes = pg.getNotifications(10_000);
          if (notes == null || notes.length == 0) {
            continue;
          }
          for (PGNotification n : notes) {
            String payload = n.getParameter();
            if (payload != null && payload.startsWith("cancelled:")) {
              cancelled.accept(Long.parseLong(payload.substring("cancelled:".length())));
            }
          }
          signal();
        }
      } catch (Exception e) {
        listening = false;
        if (running) {
          log.warn("Job notifications unavailable ({}); idle workers poll until they are back", e.toString());
          sleep(retryMillis);
        }
      } finally {
        listening = false;
        connection = null;
      }
    }
  }

  private void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      // close() interrupts to end the listener; the loop condition decides
    }
  }

  @Override
  public void close() {
    running = false;
    signal();
    Connection c = connection;
    if (c != null) {
      try {
        c.abort(Runnable::run);
      } catch (Exception ignored) {
        // closing anyway
      }
    }
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
