package io.striate.scoring;

import io.striate.problem.ScoringException;
import io.striate.problem.FailureKind;
import io.striate.model.Progress;
import io.micrometer.core.instrument.MeterRegistry;
import io.striate.benchmark.Benchmark;
import io.striate.benchmark.BenchmarkRegistry;
import io.striate.benchmark.BenchmarkScore;
import io.striate.config.StriateProperties;
import io.striate.model.BrainModel;
import io.striate.model.ModelRuntime;
import io.striate.model.cache.ActivationStore;
import io.striate.model.catalog.ModelVersion;
import io.striate.model.catalog.ModelVersionRepository;
import io.striate.storage.ArtifactStore;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one claimed job: loads the model version through the {@link ModelRuntime}, runs the benchmark while a
 * heartbeat renews the lease, publishes progress and enforces the {@link Budget}, and records the outcome under the
 * {@link Attempt}'s token. Failures are classified by {@link FailureKind}: retryable kinds go back to the queue with
 * exponential backoff, the others fail for good; a job over its budget fails as {@code invalid-model} (too-slow).
 * The {@link MemoryGuard} picks the batch size that fits the worker's memory budget, measures the job's peak memory
 * and fails a job over the budget as {@code resource-exhausted}; {@link JobMetrics} times the queue wait, the model
 * load and the attempt.
 */
@Component
class JobRunner {
  private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
  private final JobRepository jobs;
  private final ModelVersionRepository versions;
  private final BenchmarkRegistry benchmarks;
  private final ObjectProvider<ModelRuntime> runtime;
  private final ArtifactStore artifacts;
  private final ScoreRecorder recorder;
  private final StriateProperties.Worker settings;
  private final MeterRegistry meters;
  private final JsonMapper json;
  private final MemoryGuard memory;
  private final JobMetrics metrics;
  private final ActivationStore activations;

  JobRunner(JobRepository jobs, ModelVersionRepository versions, BenchmarkRegistry benchmarks,
            ObjectProvider<ModelRuntime> runtime, ArtifactStore artifacts, ScoreRecorder recorder,
            StriateProperties properties, MeterRegistry meters, JsonMapper json, MemoryGuard memory,
            JobMetrics metrics, ActivationStore activations) {
    this.activations = activations;
    this.json = json;
    this.memory = memory;
    this.metrics = metrics;
    this.jobs = jobs;
    this.versions = versions;
    this.benchmarks = benchmarks;
    this.runtime = runtime;
    this.artifacts = artifacts;
    this.recorder = recorder;
    this.settings = properties.worker();
    this.meters = meters;
  }

  /** A worker thread's loaded model, kept while consecutive jobs score the same version. */
  static final class ModelSlot implements AutoCloseable {
    private String key;
    private BrainModel model;

    /** The model of {@code version}, reloaded when its committed V1 layer changed (after a layer sweep). */
    BrainModel get(ModelVersion version, java.util.function.Supplier<BrainModel> loader) {
      return get(version, 0, loader);
    }

    /** As {@link #get(ModelVersion, java.util.function.Supplier)}, also reloaded when the batch size changed. */
    BrainModel get(ModelVersion version, int batchSize, java.util.function.Supplier<BrainModel> loader) {
      String wanted = version.getId() + "/" + version.getV1Layer() + "/" + batchSize;
      if (model == null || !wanted.equals(key)) {
        close();
        model = loader.get();
        key = wanted;
      }
      return model;
    }

    /** Whether the model of {@code version} (at any batch size) is loaded. */
    boolean holds(ModelVersion version) {
      return key != null && key.startsWith(version.getId() + "/" + version.getV1Layer() + "/");
    }

    /** Forgets the model without closing it (a forward pass that could not be stopped may still use it). */
    void abandon() {
      model = null;
      key = null;
    }

    @Override
    public void close() {
      if (model != null) {
        model.close();
        model = null;
        key = null;
      }
    }
  }

  /**
   * Runs {@code attempt} on the calling thread: heartbeats (first one after one period) renew its lease, publish
   * progress, check the time budget and stop the attempt when the job was cancelled or taken over; then the
   * outcome is written under the attempt's token. Infrastructure failures (an interrupt, a lost database
   * connection) are retried, never failed as {@code internal}.
   */
  String run(Attempt attempt, ModelSlot slot, ScheduledExecutorService heartbeats) {
    long jobId = attempt.jobId();
    Job job = jobs.findById(jobId).orElseThrow();
    metrics.claimed(job);
    MemoryGuard.Watch memoryWatch = memory.watch(attempt, heartbeats);
    AtomicReference<Budget> budget = new AtomicReference<>();
    long period = settings.heartbeat().toMillis();
    attempt.heartbeat(heartbeats.scheduleWithFixedDelay(() -> beat(attempt, budget.get()), period, period,
        TimeUnit.MILLISECONDS));
    boolean recorded = false;
    boolean forwardInFlight = false;
    MeteredModel metered = null;
    FailureKind kind = null;
    String message = null;
    try {
      Benchmark benchmark = benchmarks.find(job.getBenchmarkId()).orElseThrow(() -> new ScoringException(
          FailureKind.INTERNAL, "benchmark " + job.getBenchmarkId() + " is not registered in this worker"));
      if (!benchmark.availability().available()) {
        throw new ScoringException(FailureKind.INTERNAL, job.getBenchmarkId() + " is unavailable here: "
            + benchmark.availability().reason());
      }
      ModelVersion version = versions.findById(job.getModelVersionId()).orElseThrow();
      JobLogContext.describe(job, version);
      budget.set(Budget.of(settings, version.getMetadata(), json, attempt.number(), job.getMaxAttempts()));
      int batch = memoryWatch.batchSize(version.getMetadata(), slot.holds(version), json);
      metered = new MeteredModel(slot.get(version, batch, () -> load(version, batch)));
      BrainModel model = activations.wrap(metered, version);
      Progress progress = (s, f) -> {
        attempt.progress(s, f);
        attempt.checkStop();
      };
      BenchmarkScore score = benchmark.score(new BudgetedModel(model, budget.get(), attempt), progress);
      attempt.checkStop();
      recorded = recorder.record(job, attempt, benchmark.info(), score);
    } catch (ScoringException e) {
      kind = e.kind();
      message = e.getMessage();
      forwardInFlight = attempt.forward() != null;
    } catch (OutOfMemoryError e) {
      slot.close();
      kind = FailureKind.RESOURCE_EXHAUSTED;
      message = "out of memory: " + e.getMessage();
    } catch (RuntimeException e) {
      forwardInFlight = attempt.forward() != null;
      if (attempt.stopped() == null && !infrastructure(e)) {
        log.error("Job {} failed with an unexpected error", jobId, e);
        kind = FailureKind.INTERNAL;
      } else {
        kind = FailureKind.TRANSIENT;
      }
      message = e.getClass().getSimpleName() + ": " + e.getMessage();
    } finally {
      attempt.end();
    }
    if (forwardInFlight && attempt.stopped() != null) {
      // the native forward pass cannot be interrupted: never close a model it may still be running in
      slot.abandon();
      meters.counter("striate.worker.abandoned.forwards").increment();
      log.error("Job {} was stopped ({}) during a forward pass; its model is abandoned, not closed, and may keep an "
          + "inference thread busy until this process restarts", jobId, attempt.stopped());
    }
    if (attempt.stopped() == Attempt.Stop.OUT_OF_MEMORY && !forwardInFlight) {
      slot.close(); // give its native memory back before the next job
    }
    metrics.usage(job, attempt, memoryWatch.finish(), memoryWatch.batchSize(), metered == null ? 0 : metered.images(),
        metered == null ? null : metered.imagesPerSecond());
    String outcome = settle(job, attempt, recorded, kind, message);
    metrics.finished(job, outcome, attempt.elapsedSeconds());
    meters.counter("striate.jobs.completed", "outcome", outcome, "benchmark", job.getBenchmarkId()).increment();
    return outcome;
  }

  /** One heartbeat of {@code attempt}; a no-op once the attempt ended. */
  private void beat(Attempt attempt, Budget budget) {
    attempt.ifActive(() -> {
      try {
        if (jobs.heartbeat(attempt.jobId(), attempt.worker(), attempt.number(), seconds(settings.lease()),
            attempt.stage(), attempt.progress()) == 0) {
          JobRepository.Ownership now = jobs.ownership(attempt.jobId()).orElse(null);
          String state = now == null ? "deleted" : now.getState();
          if (state.equals("cancelled")) {
            attempt.stop(Attempt.Stop.CANCELLED, "the submission was cancelled");
          } else if (now != null && now.getAttempts() == attempt.number()
              && (state.equals("succeeded") || state.equals("failed"))) {
            return; // this attempt's own outcome, written a moment ago
          } else if (attempt.stop(Attempt.Stop.LEASE_LOST, "the job is " + state + " under another attempt")) {
            log.warn("Job {} attempt {} lost its lease (job is {} now); abandoning this attempt", attempt.jobId(),
                attempt.number(), state);
          }
          return;
        }
        Budget.Overrun overrun = budget == null ? null : budget.overrun(attempt);
        if (overrun != null && attempt.stop(overrun.retryable() ? Attempt.Stop.TOO_SLOW_RETRY : Attempt.Stop.TOO_SLOW,
            overrun.message())) {
          log.warn("Job {} attempt {} stopped: {}", attempt.jobId(), attempt.number(), overrun.message());
        }
      } catch (RuntimeException e) {
        log.warn("Heartbeat of job {} failed (the lease stays until it expires): {}", attempt.jobId(), e.toString());
      }
    });
  }

  /** Writes the outcome of an ended attempt under its token; returns the outcome's metric tag. */
  private String settle(Job job, Attempt attempt, boolean recorded, FailureKind kind, String message) {
    if (recorded) {
      return "succeeded";
    }
    Attempt.Stop stop = attempt.stopped();
    try {
      if (stop == Attempt.Stop.LEASE_LOST) {
        return "lease-lost";
      }
      if (stop == Attempt.Stop.CANCELLED) {
        return "cancelled";
      }
      if (stop == Attempt.Stop.SHUTDOWN) {
        jobs.release(job.getId(), attempt.worker(), attempt.number());
        return "released";
      }
      if (stop == Attempt.Stop.OUT_OF_MEMORY) {
        return fail(job, attempt, FailureKind.RESOURCE_EXHAUSTED, attempt.stopMessage());
      }
      if (stop == Attempt.Stop.TOO_SLOW_RETRY) {
        jobs.retryOrFail(job.getId(), attempt.worker(), attempt.number(), FailureKind.TRANSIENT.code(),
            truncate(attempt.stopMessage() + "; retried with a " + fmt(settings.budgetGrowth()) + "× budget"), 0);
        return "retried-too-slow";
      }
      if (stop == Attempt.Stop.TOO_SLOW) {
        jobs.fail(job.getId(), attempt.worker(), attempt.number(), FailureKind.INVALID_MODEL.code(),
            truncate(attempt.stopMessage()));
        return "failed-too-slow";
      }
      if (kind == null) {
        return "lease-lost";
      }
      return fail(job, attempt, kind, message);
    } catch (RuntimeException e) {
      log.warn("Could not record the outcome of job {} ({}); its lease will expire and it will be retried",
          job.getId(), e.toString());
      return "unrecorded";
    }
  }

  /** An interrupt or a database outage: the job is not at fault and is retried. */
  private static boolean infrastructure(Throwable e) {
    if (Thread.currentThread().isInterrupted()) {
      return true;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InterruptedException || t instanceof java.io.InterruptedIOException
          || t instanceof java.nio.channels.ClosedByInterruptException
          || t instanceof org.springframework.dao.DataAccessException
          || t instanceof org.springframework.transaction.TransactionException
          || t instanceof java.sql.SQLTransientException || t instanceof java.sql.SQLRecoverableException) {
        return true;
      }
    }
    return false;
  }

  private BrainModel load(ModelVersion version, int batchSize) {
    ModelRuntime models = runtime.getIfAvailable();
    if (models == null) {
      throw new ScoringException(FailureKind.INTERNAL, "no model runtime is configured in this worker");
    }
    return metrics.modelLoad(version.getKind().name().toLowerCase(java.util.Locale.ROOT),
        () -> models.load(version.source(artifacts.path(version.getSha256())), batchSize));
  }

  private String fail(Job job, Attempt attempt, FailureKind kind, String message) {
    String text = message == null ? kind.code() : truncate(message);
    if (kind.retryable()) {
      double backoff = seconds(settings.retryBackoff()) * Math.pow(2, Math.max(0, attempt.number() - 1));
      jobs.retryOrFail(job.getId(), attempt.worker(), attempt.number(), kind.code(), text, backoff);
      return "retried-" + kind.code();
    }
    jobs.fail(job.getId(), attempt.worker(), attempt.number(), kind.code(), text);
    return "failed-" + kind.code();
  }

  private static String truncate(String message) {
    return message == null ? null : message.substring(0, Math.min(4000, message.length()));
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }
}
