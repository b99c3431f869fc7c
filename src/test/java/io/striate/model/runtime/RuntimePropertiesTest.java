package io.striate.model.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

/** Binding of {@code striate.runtime.*} as Spring Boot does it, defaults included. */
class RuntimePropertiesTest {
  private static RuntimeProperties bind(Map<String, String> values) {
    return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("striate.runtime",
        RuntimeProperties.class);
  }

  @Test
  void defaultsApplyWhenNothingIsSet() {
    RuntimeProperties p = bind(Map.of());
    assertThat(p.device()).isEqualTo("auto");
    assertThat(p.batchSize()).isEqualTo(32);
    assertThat(p.inferenceThreads()).isEqualTo(1);
    assertThat(p.preflight()).isEqualTo(RuntimeProperties.Preflight.defaults());
    assertThat(p.export()).isEqualTo(RuntimeProperties.Export.defaults());
    assertThat(RuntimeProperties.defaults()).isEqualTo(p);
  }

  @Test
  void kebabCaseKeysBind() {
    RuntimeProperties p = bind(Map.of("striate.runtime.device", "cpu", "striate.runtime.batch-size", "8",
        "striate.runtime.preflight.isolated", "false", "striate.runtime.preflight.timeout", "30s",
        "striate.runtime.preflight.max-memory", "2GB", "striate.runtime.export.max-images", "10"));
    assertThat(p.device()).isEqualTo("cpu");
    assertThat(p.batchSize()).isEqualTo(8);
    assertThat(p.preflight().isolated()).isFalse();
    assertThat(p.preflight().timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(p.preflight().maxMemory()).isEqualTo(DataSize.ofGigabytes(2));
    assertThat(p.preflight().minTapUnits()).isEqualTo(25);
    assertThat(p.export().maxImages()).isEqualTo(10);
  }
}
