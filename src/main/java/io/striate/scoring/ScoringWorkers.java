package io.striate.scoring;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.striate.config.StriateProperties;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The worker role: {@code striate.worker.concurrency} threads that claim jobs from the PostgreSQL queue and run
 * them, a heartbeat scheduler, and a reaper that returns jobs of dead workers (expired leases) to the queue in
 * their old place (quarantining jobs that keep killing their worker). Idle threads wait on {@link JobSignals}
 * (PostgreSQL LISTEN/NOTIFY) with a slow poll as fallback. On shutdown running jobs may finish within
 * {@code striate.worker.shutdown-grace}; the others are released to the queue at once. Started with the
 * application when {@code striate.roles} contains {@code worker}.
 */
@Component
public class ScoringWorkers implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(ScoringWorkers.class);
  private final JobRepository jobs;
  private final JobRunner runner;
  private final StriateProperties properties;
  private final DataSource dataSource;
  private final String processId;
  private final Map<Long, Attempt> attempts = new ConcurrentHashMap<>();
  private volatile boolean running;
  private ExecutorService pool;
  private ScheduledExecutorService scheduler;
  private JobSignals signals;

  ScoringWorkers(JobRepository jobs, JobRunner runner, StriateProperties properties, MeterRegistry meters,
                 DataSource dataSource) {
    this.jobs = jobs;
    this.runner = runner;
    this.properties = properties;
    this.dataSource = dataSource;
    this.processId = ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID().toString()
        .substring(0, 8);
    Gauge.builder("striate.queue.depth", () -> jobs.countInState("queued")).description("jobs waiting")
        .register(meters);
    Gauge.builder("striate.jobs.running", () -> jobs.countInState("running")).description("jobs being scored")
        .register(meters);
  }

  @Override
  public void start() {
    scheduler = Executors.newScheduledThreadPool(2, r -> daemon(r, "striate-heartbeat"));
    long reap = properties.worker().reapInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::reap, reap, reap, TimeUnit.MILLISECONDS);
    running = true;
    if (properties.isWorker()) {
      signals = new JobSignals(dataSource, this::cancelled, properties.worker().pollInterval().toMillis());
      signals.start();
      int n = properties.worker().concurrency();
      pool = Executors.newFixedThreadPool(n, r -> daemon(r, "striate-worker"));
      for (int i = 0; i < n; i++) {
        String worker = processId + "#" + i;
        pool.submit(() -> loop(worker));
      }
      log.info("Scoring worker started: {} thread(s), lease {}, heartbeat {}, fallback poll {}", n,
          properties.worker().lease(), properties.worker().heartbeat(), properties.worker().pollInterval());
    }
  }

  private void loop(String worker) {
    try (JobRunner.ModelSlot slot = new JobRunner.ModelSlot()) {
      while (running) {
        long seen = signals.generation();
        Optional<JobRepository.Claim> claimed = claim(worker);
        if (claimed.isPresent()) {
          run(claimed.get(), worker, slot);
        } else if (running) {
          signals.await(seen, idleWaitMillis());
        }
      }
    }
  }

  private void run(JobRepository.Claim claim, String worker, JobRunner.ModelSlot slot) {
    Attempt attempt = new Attempt(claim.getId(), claim.getAttempt(), worker, Thread.currentThread());
    attempts.put(attempt.jobId(), attempt);
    try (JobLogContext context = JobLogContext.open(claim.getId())) {
      runner.run(attempt, slot, scheduler);
    } catch (RuntimeException e) {
      log.error("Job {} could not be finished; its lease will expire and it will be retried", claim.getId(), e);
    } finally {
      attempt.end();
      attempts.remove(attempt.jobId(), attempt);
    }
  }

  /** The poll fallback, shortened to when a job waiting for its retry backoff becomes runnable. */
  private long idleWaitMillis() {
    long poll = properties.worker().pollInterval().toMillis();
    try {
      Double next = jobs.secondsUntilNextRunnable();
      if (next != null) {
        return Math.max(10, Math.min(poll, (long) Math.ceil(next * 1000)));
      }
    } catch (RuntimeException e) {
      log.debug("Could not read the next retry time: {}", e.toString());
    }
    return poll;
  }

  private Optional<JobRepository.Claim> claim(String worker) {
    try {
      return jobs.claim(worker, properties.worker().lease().toMillis() / 1000.0);
    } catch (RuntimeException e) {
      if (running) {
        log.warn("Could not claim a job: {}", e.getMessage());
        signals.await(signals.generation(), properties.worker().pollInterval().toMillis());
      }
      return Optional.empty();
    }
  }

  /** A {@code cancelled:<id>} notification: stops this process's attempt at the job, if it runs one. */
  private void cancelled(long jobId) {
    Attempt attempt = attempts.get(jobId);
    if (attempt != null && attempt.stop(Attempt.Stop.CANCELLED, "the submission was cancelled")) {
      log.info("Job {} attempt {} stopped: its submission was cancelled", jobId, attempt.number());
    }
  }

  private void reap() {
    try {
      int n = jobs.requeueExpired(properties.worker().maxLostLeases());
      if (n > 0) {
        log.warn("Returned {} job(s) with expired leases to the queue (or quarantined them)", n);
      }
    } catch (RuntimeException e) {
      log.warn("Lease reaper failed: {}", e.getMessage());
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /**
   * Graceful stop: no new claims; running jobs may finish within the grace period, then their attempts are
   * stopped and released to the queue (not counted as an attempt, in their old place) without waiting for the
   * lease to expire.
   */
  @Override
  public void stop() {
    running = false;
    if (signals != null) {
      signals.close();
    }
    if (pool != null) {
      pool.shutdown();
      long grace = properties.worker().shutdownGrace().toMillis();
      if (!attempts.isEmpty()) {
        log.info("Waiting up to {} ms for {} running job(s) to finish", grace, attempts.size());
      }
      if (!await(pool, grace)) {
        for (Attempt a : attempts.values()) {
          if (a.stop(Attempt.Stop.SHUTDOWN, "the worker is shutting down")) {
            log.info("Releasing job {} (attempt {}) to the queue: the worker is shutting down", a.jobId(),
                a.number());
          }
        }
        if (!await(pool, 3_000)) {
          // a forward pass that ignores the stop: hand its job back from here
          for (Attempt a : attempts.values()) {
            try {
              jobs.release(a.jobId(), a.worker(), a.number());
            } catch (RuntimeException e) {
              log.warn("Could not release job {}: {}", a.jobId(), e.toString());
            }
          }
          pool.shutdownNow();
        }
      }
    }
    scheduler.shutdownNow();
    await(scheduler, 5_000);
  }

  private static boolean await(ExecutorService executor, long millis) {
    try {
      return executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
