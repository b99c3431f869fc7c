package io.striate.scoring;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.striate.config.StriateProperties;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The worker role: {@code striate.worker.concurrency} threads that claim jobs from the PostgreSQL queue and run
 * them, a heartbeat scheduler, and a reaper that returns jobs of dead workers (expired leases) to the queue.
 * Started with the application when {@code striate.roles} contains {@code worker}.
 */
@Component
public class ScoringWorkers implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(ScoringWorkers.class);
  private final JobRepository jobs;
  private final JobRunner runner;
  private final StriateProperties properties;
  private final String processId;
  private volatile boolean running;
  private ExecutorService pool;
  private ScheduledExecutorService scheduler;

  ScoringWorkers(JobRepository jobs, JobRunner runner, StriateProperties properties, MeterRegistry meters) {
    this.jobs = jobs;
    this.runner = runner;
    this.properties = properties;
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
      int n = properties.worker().concurrency();
      pool = Executors.newFixedThreadPool(n, r -> daemon(r, "striate-worker"));
      for (int i = 0; i < n; i++) {
        String worker = processId + "#" + i;
        pool.submit(() -> loop(worker));
      }
      log.info("Scoring worker started: {} thread(s), lease {}, heartbeat {}", n, properties.worker().lease(),
          properties.worker().heartbeat());
    }
  }

  private void loop(String worker) {
    try (JobRunner.ModelSlot slot = new JobRunner.ModelSlot()) {
      while (running) {
        Optional<Long> claimed = claim(worker);
        if (claimed.isPresent()) {
          try {
            runner.run(claimed.get(), worker, slot, scheduler);
          } catch (RuntimeException e) {
            log.error("Job {} could not be finished; its lease will expire and it will be retried", claimed.get(), e);
          }
        } else {
          sleep(properties.worker().pollInterval().toMillis());
        }
      }
    }
  }

  private Optional<Long> claim(String worker) {
    try {
      return jobs.claim(worker, properties.worker().lease().toMillis() / 1000.0);
    } catch (RuntimeException e) {
      if (running) {
        log.warn("Could not claim a job: {}", e.getMessage());
        sleep(properties.worker().pollInterval().toMillis());
      }
      return Optional.empty();
    }
  }

  private void reap() {
    try {
      int n = jobs.requeueExpired();
      if (n > 0) {
        log.warn("Returned {} job(s) with expired leases to the queue", n);
      }
    } catch (RuntimeException e) {
      log.warn("Lease reaper failed: {}", e.getMessage());
    }
  }

  private void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  @Override
  public void stop() {
    running = false;
    List<ExecutorService> executors = new ArrayList<>();
    if (pool != null) {
      executors.add(pool);
    }
    executors.add(scheduler);
    for (ExecutorService e : executors) {
      e.shutdownNow();
      try {
        e.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
