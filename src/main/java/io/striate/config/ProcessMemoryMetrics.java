package io.striate.config;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;

/**
 * Resident memory of this process as the kernel counts it ({@link ResidentSet}): heap plus everything the heap
 * limit does not bound — PyTorch's native tensors, activation buffers, loaded TorchScript modules. Exported as
 * {@code striate_worker_rss_bytes} and {@code striate_worker_rss_peak_bytes} (since start, across the per-job peak
 * resets of the worker's memory guard); NaN where there is no procfs (not Linux).
 */
@Component
class ProcessMemoryMetrics {
  ProcessMemoryMetrics(MeterRegistry meters) {
    Gauge.builder("striate.worker.rss", () -> bytes(ResidentSet.current())).baseUnit("bytes")
        .description("resident set size of this process (heap and native memory)").register(meters);
    Gauge.builder("striate.worker.rss.peak", () -> bytes(ResidentSet.lifetimePeak())).baseUnit("bytes")
        .description("peak resident set size of this process since it started").register(meters);
  }

  private static double bytes(OptionalLong value) {
    return value.isPresent() ? value.getAsLong() : Double.NaN;
  }
}
