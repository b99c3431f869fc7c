package io.striate.model.preflight;

import io.striate.model.preflight.PreflightResult.BatchTiming;
import java.util.ArrayList;
import java.util.List;

/**
 * Which batch sizes the preflight times, and which one it recommends. Candidates are the powers of two
 * {@code 4, 8, 16, …} below the scoring batch size {@code B}, and {@code B} itself; each costs a warm-up and a timed
 * pass, {@code 2b} images, so from the smallest up only those whose cost at the measured ms/image still fits
 * {@link #BUDGET_MILLIS} are timed (a slow model is calibrated at small sizes or not at all). The recommendation is
 * the smallest timed size whose ms/image is within {@link #TIE} of the fastest: on a CPU, ms/image flattens once a
 * batch fills the cores, and a smaller batch holds less memory and pads less (a 1-image pass still runs a whole
 * batch).
 */
final class BatchCalibration {
  /** Wall time the calibration may take, estimated from the timed pass's ms/image. */
  static final double BUDGET_MILLIS = 8_000;
  /** A batch size within this fraction of the fastest ms/image counts as fast. */
  static final double TIE = 0.05;
  /** The smallest batch size timed. */
  static final int SMALLEST = 4;

  private BatchCalibration() {
  }

  /** The batch sizes to time for scoring batch size {@code batchSize} at {@code millisPerImage}, ascending. */
  static List<Integer> candidates(int batchSize, double millisPerImage) {
    List<Integer> sizes = new ArrayList<>();
    for (int b = SMALLEST; b < batchSize; b *= 2) {
      sizes.add(b);
    }
    sizes.add(batchSize);
    List<Integer> affordable = new ArrayList<>();
    double spent = 0;
    for (int b : sizes) {
      spent += 2.0 * b * millisPerImage;
      if (spent > BUDGET_MILLIS) {
        break;
      }
      affordable.add(b);
    }
    return affordable;
  }

  /** The smallest batch size within {@link #TIE} of the fastest, or null for no timings. */
  static Integer fastest(List<BatchTiming> timings) {
    double best = timings.stream().mapToDouble(BatchTiming::millisPerImage).min().orElse(Double.NaN);
    return timings.stream().filter(t -> t.millisPerImage() <= best * (1 + TIE)).map(BatchTiming::batchSize)
        .min(Integer::compare).orElse(null);
  }
}
