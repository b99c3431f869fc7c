package io.striate.model.runtime;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.MemoryUsage;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;
import java.util.function.ToDoubleFunction;

/**
 * GPU memory of each CUDA device this process sees, from the CUDA runtime ({@code cudaMemGetInfo} through DJL's
 * {@link CudaUtils}, which loads {@code libcudart} with JNA): {@code striate_gpu_memory_used_bytes} (total minus free,
 * every process on the device) and {@code striate_gpu_memory_total_bytes}, tagged {@code device=gpu0...}. Registered
 * only where a GPU exists: a CPU-only process has no such gauges.
 */
final class GpuMemoryMetrics {
  private GpuMemoryMetrics() {
  }

  /** Registers the gauges of every visible GPU; returns how many there are. */
  static int register(MeterRegistry meters) {
    return register(meters, () -> CudaUtils.hasCuda() ? CudaUtils.getGpuCount() : 0,
        i -> CudaUtils.getGpuMemory(Device.gpu(i)));
  }

  static int register(MeterRegistry meters, IntSupplier gpus, IntFunction<MemoryUsage> usage) {
    int n;
    try {
      n = gpus.getAsInt();
    } catch (LinkageError | RuntimeException e) {
      return 0; // no CUDA runtime
    }
    for (int i = 0; i < n; i++) {
      int gpu = i;
      gauge(meters, "striate.gpu.memory.used", "GPU memory in use (all processes on the device)", gpu, usage,
          MemoryUsage::getUsed);
      gauge(meters, "striate.gpu.memory.total", "GPU memory of the device", gpu, usage, MemoryUsage::getMax);
    }
    return n;
  }

  private static void gauge(MeterRegistry meters, String name, String description, int gpu,
                            IntFunction<MemoryUsage> usage, ToDoubleFunction<MemoryUsage> field) {
    Gauge.builder(name, () -> {
      try {
        return field.applyAsDouble(usage.apply(gpu));
      } catch (LinkageError | RuntimeException e) {
        return Double.NaN;
      }
    }).baseUnit("bytes").description(description).tag("device", "gpu" + gpu).register(meters);
  }
}
