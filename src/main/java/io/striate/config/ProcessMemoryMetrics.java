package io.striate.config;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Resident memory of this process as the kernel counts it ({@code VmRSS} and {@code VmHWM} of
 * {@code /proc/self/status}): heap plus everything the heap limit does not bound — PyTorch's native tensors,
 * activation buffers, loaded TorchScript modules. Exported as {@code striate_worker_rss_bytes} and
 * {@code striate_worker_rss_peak_bytes}; NaN where there is no procfs (not Linux).
 */
@Component
class ProcessMemoryMetrics {
  private static final Path STATUS = Path.of("/proc/self/status");

  ProcessMemoryMetrics(MeterRegistry meters) {
    Gauge.builder("striate.worker.rss", () -> kilobytes("VmRSS:") * 1024).baseUnit("bytes")
        .description("resident set size of this process (heap and native memory)").register(meters);
    Gauge.builder("striate.worker.rss.peak", () -> kilobytes("VmHWM:") * 1024).baseUnit("bytes")
        .description("peak resident set size of this process since it started").register(meters);
  }

  /** The value of one {@code /proc/self/status} line in kB, or NaN. */
  static double kilobytes(String field) {
    try {
      List<String> lines = Files.readAllLines(STATUS);
      for (String line : lines) {
        if (line.startsWith(field)) {
          return Double.parseDouble(line.substring(field.length()).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }
}
