package io.striate.model.preflight;

import java.util.List;

/**
 * What the upload check learned about a model: its taps, and estimates of memory and time per image measured on the
 * checking machine.
 *
 * @param engine                  e.g. "PyTorch 2.7.1 on cpu()"
 * @param inputSize               side of the square input, pixels
 * @param visualDegrees           field of view of the input
 * @param trials                  forward passes averaged per image
 * @param v1Layer                 committed V1 layer, or null
 * @param taps                    the declared taps (candidate layers) with their per-image shapes
 * @param parameterBytes          bytes of the model's parameters
 * @param activationBytesPerImage bytes of input plus every returned tap for one image (float32)
 * @param estimatedBatchBytes     {@code parameterBytes + batchSize · activationBytesPerImage · 2} (the factor 2
 *                                allows for intermediate tensors that are not returned)
 * @param millisPerImage          wall time of one forward pass per image (times trials), after a warm-up
 * @param measuredBatchSize       the scoring batch size the memory was measured at
 * @param measuredBatchBytes      resident-set growth of one forward pass at {@code measuredBatchSize} on CPU (peak
 *                                minus before, Linux {@code VmHWM}), or null where not measured (GPU, other OS)
 * @param batchTimings            ms/image of a forward pass of seeded random images at each calibrated batch size
 *                                (powers of two up to the scoring batch size, as many as fit the calibration's time
 *                                budget), each after a warm-up pass at that size; empty when none fit
 * @param fastestBatchSize        the smallest calibrated batch size within {@link BatchCalibration#TIE} of the fastest
 *                                ms/image (workers run at most this many images per pass), or null when not calibrated
 * @param fastPath                for a TorchScript upload whose every module class has a Striate block: the advice
 *                                to submit it as a block spec ({@link FastPathHint}), else null
 */
public record PreflightResult(String engine, int inputSize, double visualDegrees, int trials, String v1Layer,
                              List<Tap> taps, long parameterBytes, long activationBytesPerImage,
                              long estimatedBatchBytes, double millisPerImage, int measuredBatchSize,
                              Long measuredBatchBytes, List<BatchTiming> batchTimings, Integer fastestBatchSize,
                              FastPath fastPath) {
  public PreflightResult {
    taps = List.copyOf(taps);
    batchTimings = batchTimings == null ? List.of() : List.copyOf(batchTimings);
  }

  /** One calibration point: a forward pass of {@code batchSize} images took {@code millisPerImage} per image. */
  public record BatchTiming(int batchSize, double millisPerImage) {
  }

  /** A tap: name, per-image shape {@code channels × height × width} and unit count. */
  public record Tap(String name, int channels, int height, int width, int units) {
  }
}
