package io.striate.model;

import java.util.List;

/**
 * What a benchmark may assume about a model (Brain-Score's "BrainModel" commitments).
 *
 * @param inputSize       side of the square input in pixels (e.g. 224)
 * @param mean            per-channel normalisation mean, RGB, applied after scaling to [0,1]
 * @param std             per-channel normalisation standard deviation, RGB
 * @param visualDegrees   field of view of the input in degrees of visual angle (Brain-Score default 8)
 * @param candidateLayers names of the layers (taps) a benchmark may read
 * @param v1Layer         the layer committed to region V1 (pinned or chosen by the layer sweep), or null
 * @param trials          number of forward passes averaged per image (1 for deterministic models)
 */
public record ModelContract(int inputSize, float[] mean, float[] std, double visualDegrees,
                            List<String> candidateLayers, String v1Layer, int trials) {
  public static final double DEFAULT_VISUAL_DEGREES = 8.0;

  public ModelContract {
    candidateLayers = List.copyOf(candidateLayers);
    if (inputSize <= 0) throw new IllegalArgumentException("inputSize must be positive");
    if (mean.length != 3 || std.length != 3) throw new IllegalArgumentException("mean/std need 3 channels");
    if (trials < 1) throw new IllegalArgumentException("trials must be >= 1");
  }

  /** The layer benchmarks of region V1 read: the committed one, else the first candidate (documented default). */
  public String v1LayerOrDefault() {
    return v1Layer != null ? v1Layer : candidateLayers.get(0);
  }

  /** A copy with {@code layer} committed as the V1 layer. */
  public ModelContract withV1Layer(String layer) {
    return new ModelContract(inputSize, mean, std, visualDegrees, candidateLayers, layer, trials);
  }
}
