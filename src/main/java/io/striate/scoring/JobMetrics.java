package io.striate.scoring;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The worker's per-job measurements, as metrics and in the job record: {@code striate_job_queue_wait_seconds} (from
 * when a job became runnable to its claim), {@code striate_job_duration_seconds} (one attempt, by benchmark and
 * outcome), {@code striate_model_load_seconds} (by model kind), {@code striate_job_memory_peak_bytes} (an attempt's
 * peak resident memory, by benchmark), {@code striate_job_throughput_images_per_second} (images/s of an attempt's forward passes, by
 * benchmark); the peak, the batch size, the computed images and the throughput are also written to the job
 * ({@code peak_memory_bytes}, {@code batch_size}, {@code forward_images}, {@code images_per_second}).
 */
@Component
class JobMetrics {
  private static final Logger log = LoggerFactory.getLogger(JobMetrics.class);
  private final MeterRegistry meters;
  private final JobRepository jobs;

  JobMetrics(MeterRegistry meters, JobRepository jobs) {
    this.meters = meters;
    this.jobs = jobs;
  }

  /** Records how long the claimed {@code job} waited since it became runnable (queued, or its retry backoff). */
  void claimed(Job job) {
    Instant since = job.getRunAfter() != null && job.getRunAfter().isAfter(job.getCreatedAt()) ? job.getRunAfter()
        : job.getCreatedAt();
    Instant claimed = job.getStartedAt() == null ? Instant.now() : job.getStartedAt();
    Timer.builder("striate.job.queue.wait").description("time from a job becoming runnable to a worker claiming it")
        .tag("benchmark", job.getBenchmarkId()).register(meters)
        .record(Duration.between(since, claimed).isNegative() ? Duration.ZERO : Duration.between(since, claimed));
  }

  /** Times one model load. */
  <T> T modelLoad(String kind, Supplier<T> load) {
    return Timer.builder("striate.model.load").description("time to load and probe a model version")
        .tag("kind", kind).register(meters).record(load);
  }

  /**
   * Writes the attempt's peak memory, batch size, computed images and throughput to the job, and the memory and
   * throughput metrics.
   */
  void usage(Job job, Attempt attempt, long peakBytes, int batchSize, long images, Double imagesPerSecond) {
    if (imagesPerSecond != null) {
      DistributionSummary.builder("striate.job.throughput").baseUnit("images.per.second")
          .description("images per second of a job's forward passes (stimulus generation excluded)")
          .tag("benchmark", job.getBenchmarkId()).register(meters).record(imagesPerSecond);
    }
    if (peakBytes > 0) {
      DistributionSummary.builder("striate.job.memory.peak").baseUnit("bytes")
          .description("peak resident memory of the worker process while a job ran").tag("benchmark",
              job.getBenchmarkId()).register(meters).record(peakBytes);
    }
    try {
      jobs.recordUsage(job.getId(), attempt.number(), peakBytes > 0 ? peakBytes : null, batchSize,
          (int) Math.min(Integer.MAX_VALUE, images), imagesPerSecond);
    } catch (RuntimeException e) {
      log.warn("Could not record the memory of job {}: {}", job.getId(), e.toString());
    }
  }

  /** Records the wall time of one attempt and its outcome. */
  void finished(Job job, String outcome, double seconds) {
    Timer.builder("striate.job.duration").description("wall time of one attempt at a job")
        .tag("benchmark", job.getBenchmarkId()).tag("outcome", outcome).register(meters)
        .record(Duration.ofNanos((long) (seconds * 1e9)));
  }
}
