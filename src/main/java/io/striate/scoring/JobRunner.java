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
import io.striate.model.catalog.ModelVersion;
import io.striate.model.catalog.ModelVersionRepository;
import io.striate.storage.ArtifactStore;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Runs one claimed job: loads the model version through the {@link ModelRuntime}, runs the benchmark while a
 * heartbeat renews the lease and publishes progress, and records the outcome. Failures are classified by
 * {@link FailureKind}: retryable kinds go back to the queue with exponential backoff, the others fail for good.
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

  JobRunner(JobRepository jobs, ModelVersionRepository versions, BenchmarkRegistry benchmarks,
            ObjectProvider<ModelRuntime> runtime, ArtifactStore artifacts, ScoreRecorder recorder,
            StriateProperties properties, MeterRegistry meters) {
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
      String wanted = version.getId() + "/" + version.getV1Layer();
      if (model == null || !wanted.equals(key)) {
        close();
        model = loader.get();
        key = wanted;
      }
      return model;
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

  void run(long jobId, String worker, ModelSlot slot, ScheduledExecutorService heartbeats) {
    Job job = jobs.findById(jobId).orElseThrow();
    AtomicReference<String> stage = new AtomicReference<>("loading model");
    AtomicReference<Double> fraction = new AtomicReference<>(0.0);
    AtomicBoolean leaseLost = new AtomicBoolean(false);
    Thread runner = Thread.currentThread();
    long period = settings.heartbeat().toMillis();
    ScheduledFuture<?> beat = heartbeats.scheduleAtFixedRate(() -> {
      if (jobs.heartbeat(jobId, worker, seconds(settings.lease()), stage.get(), fraction.get()) == 0
          && leaseLost.compareAndSet(false, true)) {
        log.warn("Job {} lost its lease; abandoning this attempt", jobId);
        runner.interrupt();
      }
    }, 0, period, TimeUnit.MILLISECONDS);
    String outcome;
    try {
      Benchmark benchmark = benchmarks.find(job.getBenchmarkId()).orElseThrow(() -> new ScoringException(
          FailureKind.INTERNAL, "benchmark " + job.getBenchmarkId() + " is not registered in this worker"));
      if (!benchmark.availability().available()) {
        throw new ScoringException(FailureKind.INTERNAL, job.getBenchmarkId() + " is unavailable here: "
            + benchmark.availability().reason());
      }
      ModelVersion version = versions.findById(job.getModelVersionId()).orElseThrow();
      BrainModel model = slot.get(version, () -> load(version));
      Progress progress = (s, f) -> {
        stage.set(s);
        fraction.set(f);
        if (leaseLost.get()) {
          throw new ScoringException(FailureKind.TRANSIENT, "lease lost");
        }
      };
      BenchmarkScore score = benchmark.score(model, progress);
      beat.cancel(false);
      outcome = recorder.record(job, worker, benchmark.info(), score) ? "succeeded" : "lease-lost";
    } catch (ScoringException e) {
      outcome = fail(job, worker, e.kind(), e.getMessage(), leaseLost.get());
    } catch (OutOfMemoryError e) {
      slot.close();
      outcome = fail(job, worker, FailureKind.RESOURCE_EXHAUSTED, "out of memory: " + e.getMessage(), leaseLost.get());
    } catch (RuntimeException e) {
      log.error("Job {} failed with an unexpected error", jobId, e);
      outcome = fail(job, worker, FailureKind.INTERNAL, e.getClass().getSimpleName() + ": " + e.getMessage(),
          leaseLost.get());
    } finally {
      beat.cancel(false);
      Thread.interrupted();
    }
    meters.counter("striate.jobs.completed", "outcome", outcome, "benchmark", job.getBenchmarkId()).increment();
  }

  private BrainModel load(ModelVersion version) {
    ModelRuntime models = runtime.getIfAvailable();
    if (models == null) {
      throw new ScoringException(FailureKind.INTERNAL, "no model runtime is configured in this worker");
    }
    return models.load(version.source(artifacts.path(version.getSha256())));
  }

  private String fail(Job job, String worker, FailureKind kind, String message, boolean leaseLost) {
    if (leaseLost) {
      return "lease-lost";
    }
    String text = message == null ? kind.code() : message.substring(0, Math.min(4000, message.length()));
    if (kind.retryable()) {
      int attempt = jobs.findById(job.getId()).map(Job::getAttempts).orElse(1);
      double backoff = seconds(settings.retryBackoff()) * Math.pow(2, Math.max(0, attempt - 1));
      jobs.retryOrFail(job.getId(), worker, kind.code(), text, backoff);
      return "retried-" + kind.code();
    }
    jobs.fail(job.getId(), worker, kind.code(), text);
    return "failed-" + kind.code();
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }
}
