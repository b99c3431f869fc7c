package io.striate.benchmark.marques2020;

import java.util.Arrays;

/**
 * Brain-Score's {@code firing_rates_affine} (spec §4.6c): an affine map from rectified activations to spikes/s,
 * {@code rate = max(0, slope·max(0, a) + offset)}, fitted so that the median responsive unit's blank response maps
 * to {@value #MEDIAN_SPONTANEOUS} spk/s and its peak orientation-set response to {@value #MEDIAN_MAX_RESPONSE} spk/s.
 *
 * @param slope  spk/s per activation unit
 * @param offset spk/s
 */
public record FiringRateMap(double slope, double offset) {
  /** Median V1 peak rate, spk/s. */
  public static final double MEDIAN_MAX_RESPONSE = 33.8;
  /** Median V1 spontaneous rate, spk/s. */
  public static final double MEDIAN_SPONTANEOUS = 0.82;
  /** Response threshold, spk/s. */
  public static final double RESPONSE_THRESHOLD = 5;
  /** Largest single-neuron response, spk/s. */
  public static final double SINGLE_MAX_RESPONSE = 243.1;

  /** Firing rate of an activation. */
  public double rate(double activation) {
    return Math.max(0, slope * Math.max(0, activation) + offset);
  }

  /**
   * Fits the map.
   *
   * @param peak  per unit, max over the 144 (pair, orientation) conditions of the phase-averaged rectified response
   * @param blank per unit, rectified blank response
   */
  public static FiringRateMap fit(double[] peak, double[] blank) {
    double maxDiff = Double.NEGATIVE_INFINITY;
    for (int u = 0; u < peak.length; u++) {
      maxDiff = Math.max(maxDiff, peak[u] - blank[u]);
    }
    double limit = RESPONSE_THRESHOLD / SINGLE_MAX_RESPONSE * maxDiff;
    double[] b = new double[peak.length];
    double[] o = new double[peak.length];
    int n = 0;
    for (int u = 0; u < peak.length; u++) {
      if (peak[u] - blank[u] > limit) {
        b[n] = blank[u];
        o[n] = peak[u];
        n++;
      }
    }
    double medianBlank = median(Arrays.copyOf(b, n));
    double medianPeak = median(Arrays.copyOf(o, n));
    double slope = (MEDIAN_MAX_RESPONSE - MEDIAN_SPONTANEOUS) / (medianPeak - medianBlank);
    return new FiringRateMap(slope, MEDIAN_SPONTANEOUS - slope * medianBlank);
  }

  /** numpy median: the mean of the two middle values for an even count, NaN when empty. */
  static double median(double[] v) {
    if (v.length == 0) {
      return Double.NaN;
    }
    double[] s = v.clone();
    Arrays.sort(s);
    int m = s.length / 2;
    return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
  }
}
