package io.striate.benchmark.marques2020;

/**
 * F0/F1 responses from static gratings at 8 spatial phases (spec §4.5): DC = mean over the phases,
 * AC = {@code 2·|X_1|/8} with {@code X_1 = Σ_k r_k e^{−2πik/8}} (numpy FFT convention).
 */
public final class PhaseResponses {
  private PhaseResponses() {
  }

  /** Mean of {@code r[from .. from+count)}. */
  public static double dc(double[] r, int from, int count) {
    double s = 0;
    for (int k = 0; k < count; k++) {
      s += r[from + k];
    }
    return s / count;
  }

  /** First-harmonic amplitude {@code 2·|X_1|/count} of {@code r[from .. from+count)}. */
  public static double f1(double[] r, int from, int count) {
    double re = 0;
    double im = 0;
    for (int k = 0; k < count; k++) {
      double angle = 2 * Math.PI * k / count;
      re += r[from + k] * Math.cos(angle);
      im -= r[from + k] * Math.sin(angle);
    }
    return Math.hypot(re, im) / count * 2;
  }

  /** Index of the first maximum of {@code v[from .. to)} (numpy argmax; NaN wins like numpy). */
  public static int argmax(double[] v, int from, int to) {
    int best = from;
    for (int i = from; i < to; i++) {
      if (Double.isNaN(v[i])) {
        return i - from;
      }
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best - from;
  }
}
