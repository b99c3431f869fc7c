package io.striate.model.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.striate.model.preflight.PreflightResult.BatchTiming;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchCalibrationTest {
  @Test
  void powersOfTwoFromFourUpToTheScoringBatchSizeWhileTheirCostFitsTheBudget() {
    assertThat(BatchCalibration.candidates(32, 1)).containsExactly(4, 8, 16, 32);
    assertThat(BatchCalibration.candidates(24, 1)).containsExactly(4, 8, 16, 24);
    assertThat(BatchCalibration.candidates(3, 1)).containsExactly(3);
    // 100 ms/image: 2·4 + 2·8 + 2·16 = 56 images = 5.6 s fit 8 s, 2·32 more would not
    assertThat(BatchCalibration.candidates(32, 100)).containsExactly(4, 8, 16);
    assertThat(BatchCalibration.candidates(32, BatchCalibration.BUDGET_MILLIS / 8 + 1)).isEmpty();
  }

  @Test
  void theSmallestBatchSizeWithinTheTieOfTheFastestIsRecommended() {
    assertThat(BatchCalibration.fastest(List.of(new BatchTiming(4, 12.0), new BatchTiming(8, 10.4),
        new BatchTiming(16, 10.0), new BatchTiming(32, 10.1)))).isEqualTo(8); // 10.4 ≤ 10.0 × 1.05
    assertThat(BatchCalibration.fastest(List.of(new BatchTiming(4, 30.0), new BatchTiming(8, 20.0)))).isEqualTo(8);
    assertThat(BatchCalibration.fastest(List.of())).isNull();
  }
}
