package io.striate.model.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.MemoryUsage;
import org.junit.jupiter.api.Test;

class GpuMemoryMetricsTest {
  @Test
  void eachGpuGetsAUsedAndATotalGaugeFromTheCudaRuntime() {
    var meters = new SimpleMeterRegistry();
    long gib = 1L << 30;
    int n = GpuMemoryMetrics.register(meters, () -> 2, i -> new MemoryUsage(-1, (i + 1) * gib, (i + 1) * gib,
        140 * gib));
    assertThat(n).isEqualTo(2);
    assertThat(meters.get("striate.gpu.memory.used").tag("device", "gpu1").gauge().value()).isEqualTo(2.0 * gib);
    assertThat(meters.get("striate.gpu.memory.total").tag("device", "gpu0").gauge().value()).isEqualTo(140.0 * gib);
  }

  @Test
  void withoutAGpuOrACudaRuntimeNothingIsRegistered() {
    var meters = new SimpleMeterRegistry();
    assertThat(GpuMemoryMetrics.register(meters, () -> 0, i -> null)).isZero();
    assertThat(GpuMemoryMetrics.register(meters, () -> {
      throw new UnsatisfiedLinkError("libcudart");
    }, i -> null)).isZero();
    // this machine has no GPU: the real registration adds nothing
    assertThat(GpuMemoryMetrics.register(meters)).isZero();
    assertThat(meters.find("striate.gpu.memory.used").gauges()).isEmpty();
  }
}
