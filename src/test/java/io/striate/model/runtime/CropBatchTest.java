package io.striate.model.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CropBatchTest {
  @Test
  void aCroppedPassHoldsAsManyWindowsAsAFullBatchHoldsImagesWithinBounds() {
    assertThat(DjlBrainModel.cropBatch(4, 224, 33, 33)).isEqualTo(DjlBrainModel.MAX_CROP_BATCH); // 4 × 46 = 184
    assertThat(DjlBrainModel.cropBatch(2, 224, 33, 33)).isEqualTo(92);
    assertThat(DjlBrainModel.cropBatch(4, 224, 112, 112)).isEqualTo(16);
    assertThat(DjlBrainModel.cropBatch(32, 224, 200, 200)).isEqualTo(32); // never below the batch size
  }
}
