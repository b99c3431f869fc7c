package io.striate.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.striate.problem.FailureKind;
import io.striate.problem.ScoringException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BatchSizingTest {
  private static final long MIB = 1L << 20;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static JsonNode preflight(String body) {
    return JSON.readTree("{\"preflight\":{" + body + "}}");
  }

  @Test
  void theMeasuredMemoryPerImageWithItsMarginDecidesTheLargestBatchThatFits() {
    // vone-v1: 1698 MiB for a pass of 32 → 53.06 MiB per image, × 1.5 = 79.6 MiB; 2490.5 MiB left → 31
    BatchSizing s = BatchSizing.of(preflight("\"measuredBatchSize\":32,\"measuredBatchBytes\":1780559872,"
        + "\"parameterBytes\":5760000"), false);
    assertThat(s.perImageBytes()).isEqualTo((1780559872L + 31) / 32);
    long resident = 1600 * MIB;
    long budget = 4096 * MIB;
    int expected = (int) Math.floor((budget - resident - 5760000) / (BatchSizing.SAFETY * s.perImageBytes()));
    assertThat(s.pick(32, budget, resident)).isEqualTo(expected).isEqualTo(31);
    // a roomy worker keeps the configured batch size; no budget keeps it too
    assertThat(s.pick(32, 64L << 30, resident)).isEqualTo(32);
    assertThat(s.pick(32, 0, resident)).isEqualTo(32);
  }

  @Test
  void withoutAMeasurementTheTapShapeEstimateIsUsedAndWithoutAReportTheConfiguredSize() {
    BatchSizing estimated = BatchSizing.of(preflight("\"activationBytesPerImage\":1048576,\"parameterBytes\":0"),
        true);
    assertThat(estimated.perImageBytes()).isEqualTo(2 * MIB);
    assertThat(estimated.pick(64, 100 * MIB, 40 * MIB)).isEqualTo(20); // 60 MiB / (1.5 × 2 MiB)
    assertThat(BatchSizing.of(JSON.readTree("{}"), false).pick(32, 100 * MIB, 99 * MIB)).isEqualTo(32);
    assertThat(BatchSizing.of(null, false).pick(32, 100 * MIB, 99 * MIB)).isEqualTo(32);
  }

  @Test
  void thePreflightsFastestBatchSizeCapsTheConfiguredOneAndMemoryCapsBoth() {
    BatchSizing s = BatchSizing.of(preflight("\"measuredBatchSize\":32,\"measuredBatchBytes\":33554432,"
        + "\"parameterBytes\":0,\"fastestBatchSize\":8"), true);
    assertThat(s.fastest()).isEqualTo(8);
    assertThat(s.pick(32, 64L << 30, 0)).isEqualTo(8); // 1 MiB per image: memory would allow 32
    assertThat(s.pick(4, 64L << 30, 0)).isEqualTo(4); // a smaller configured size stays
    assertThat(s.pick(32, 6 * MIB, 0)).isEqualTo(4); // 6 MiB / (1.5 × 1 MiB): memory is tighter than speed
    assertThat(BatchSizing.of(preflight("\"fastestBatchSize\":16"), true).pick(32, 0, 0)).isEqualTo(16);
    assertThat(BatchSizing.of(preflight("\"fastestBatchSize\":0"), true).fastest()).isNull();
  }

  @Test
  void aLoadedModelDoesNotPayForItsParametersAgain() {
    JsonNode m = preflight("\"measuredBatchSize\":10,\"measuredBatchBytes\":104857600,\"parameterBytes\":52428800");
    assertThat(BatchSizing.of(m, false).pick(32, 200 * MIB, 0)).isEqualTo(10); // (200 − 50) / 15
    assertThat(BatchSizing.of(m, true).pick(32, 200 * MIB, 0)).isEqualTo(13);  // 200 / 15
  }

  @Test
  void whenNotOneImageFitsTheJobIsResourceExhaustedWithTheNumbers() {
    BatchSizing s = BatchSizing.of(preflight("\"measuredBatchSize\":32,\"measuredBatchBytes\":34359738368"), true);
    assertThatThrownBy(() -> s.pick(32, 1024 * MIB, 512 * MIB)).isInstanceOfSatisfying(ScoringException.class, e -> {
      assertThat(e.kind()).isEqualTo(FailureKind.RESOURCE_EXHAUSTED);
      assertThat(e.getMessage()).contains("1536 MiB", "512 MiB left", "budget of 1024 MiB",
          "striate.worker.memory-budget", "measured 32768 MiB for a forward pass of 32");
    });
    // a process already over its budget cannot start anything with a known cost
    assertThatThrownBy(() -> s.pick(32, 1024 * MIB, 2048 * MIB)).isInstanceOf(ScoringException.class);
  }
}
