package io.striate.benchmark.marques2020;

/**
 * Limits of the in-silico physiology.
 *
 * @param maxMappedUnits   RF mapping keeps {@code units × 441} floats; a layer with more units than this is
 *                         mapped only on the units whose nominal spatial position (the centre of their feature-map
 *                         cell on the model's field of view) lies within {@code candidateWindow} of the stimulus
 *                         centre, all channels included
 * @param candidateWindow  half-width in degrees of that spatial window (Chebyshev distance)
 * @param seed             seed of the bootstrap RNG of the distribution similarity
 */
public record PhysiologySettings(int maxMappedUnits, double candidateWindow, long seed) {
  /** 262144 units (≈ 460 MB of RF maps), a 1° window, seed 0. */
  public static final PhysiologySettings DEFAULTS = new PhysiologySettings(262_144, 1.0, 0L);

  public PhysiologySettings {
    if (maxMappedUnits < 1 || !(candidateWindow > 0)) {
      throw new IllegalArgumentException("maxMappedUnits and candidateWindow must be positive");
    }
  }
}
