package io.striate.benchmark.marques2020;

/**
 * Orientation tuning analyses of Brain-Score's {@code properties_common} (spec §4.7), applied to a curve over the
 * 12 orientations 0°, 15°, …, 165°.
 */
public final class OrientationTuning {
  private OrientationTuning() {
  }

  /**
   * Result of {@link #bandwidth}.
   *
   * @param width     bandwidth in degrees (full or half width at {@code threshold·peak}), NaN when the curve does
   *                  not fall below the threshold on both sides within 180°
   * @param preferred preferred orientation in integer degrees 0…179 (argmax of the fitted curve)
   */
  public record Bandwidth(double width, int preferred) {
  }

  /**
   * {@code calc_bandwidth}: extend the curve periodically to 36 points (−180…345°), smooth with {@code kernel}
   * (zero padded, same length), fit a not-a-knot spline, evaluate it at integer degrees −180…359, take the argmax
   * over 0…179 as the preferred orientation p, and find the last degree below p and the first above p where the
   * fit is {@code <= threshold·F(p)}. Width = difference (NaN when missing or > 180), halved when {@code half}.
   *
   * @param orientations the orientations of {@code curve} in degrees (0, 15, …, 165)
   */
  public static Bandwidth bandwidth(double[] curve, double[] orientations, SmoothingKernel kernel, double threshold,
                                    boolean half) {
    int n = curve.length;
    double[] ext = new double[3 * n];
    double[] extY = new double[3 * n];
    for (int copy = 0; copy < 3; copy++) {
      for (int i = 0; i < n; i++) {
        ext[copy * n + i] = orientations[i] + (copy - 1) * 180.0;
        extY[copy * n + i] = curve[i];
      }
    }
    double[] smoothed = kernel.convolveSame(extY);
    NotAKnotSpline spline = new NotAKnotSpline(ext, smoothed);
    double[] full = new double[540];
    for (int k = 0; k < 540; k++) {
      full[k] = spline.value(-180.0 + k);
    }
    int pref = 0;
    for (int k = 1; k < 180; k++) {
      if (full[180 + k] > full[180 + pref]) {
        pref = k;
      }
    }
    double limit = full[180 + pref] * threshold;
    int centre = 180 + pref;
    int p1 = -1;
    for (int k = centre - 1; k >= 0; k--) {
      if (full[k] <= limit) {
        p1 = k;
        break;
      }
    }
    int p2 = -1;
    for (int k = centre + 1; k < 540; k++) {
      if (full[k] <= limit) {
        p2 = k;
        break;
      }
    }
    double width = (p1 < 0 || p2 < 0) ? Double.NaN : (double) (p2 - p1);
    if (width > 180) {
      width = Double.NaN;
    }
    return new Bandwidth(half ? width / 2 : width, pref);
  }

  /** Circular variance {@code 1 − |Σ r_k e^{2iθ_k}| / Σ |r_k|}. */
  public static double circularVariance(double[] curve, double[] orientations) {
    double re = 0;
    double im = 0;
    double norm = 0;
    for (int k = 0; k < curve.length; k++) {
      double angle = 2 * orientations[k] / 180 * Math.PI;
      re += curve[k] * Math.cos(angle);
      im += curve[k] * Math.sin(angle);
      norm += Math.abs(curve[k]);
    }
    return 1 - Math.hypot(re, im) / norm;
  }

  /** Orthogonal/preferred ratio on the raw curve: {@code r[(j + n/2) mod n] / r[j]}, j = first argmax. */
  public static double orthogonalPreferredRatio(double[] curve) {
    int j = PhaseResponses.argmax(curve, 0, curve.length);
    int orth = (j + curve.length / 2) % curve.length;
    return curve[orth] / curve[j];
  }
}
