package io.striate.benchmark.marques2020;

/**
 * The 5-tap smoothing kernels of Brain-Score's tuning-curve analysis, normalised to unit sum (spec §4.7):
 * hanning {@code [0, 2/5, 1, 2/5, 0]/1.8}, smooth {@code [0, 1/5, 1, 1/5, 0]/1.4}, flat {@code [1,1,1,1,1]/5},
 * triangle {@code [.5, .75, 1, .75, .5]/3.5}.
 */
public enum SmoothingKernel {
  HANNING(0, 2.0 / 5, 1, 2.0 / 5, 0),
  SMOOTH(0, 1.0 / 5, 1, 1.0 / 5, 0),
  FLAT(1, 1, 1, 1, 1),
  TRIANGLE(0.5, 0.75, 1, 0.75, 0.5);

  private final double[] weights;

  SmoothingKernel(double... raw) {
    double sum = 0;
    for (double w : raw) {
      sum += w;
    }
    weights = new double[raw.length];
    for (int i = 0; i < raw.length; i++) {
      weights[i] = raw[i] / sum;
    }
  }

  /** The normalised weights (a copy). */
  public double[] weights() {
    return weights.clone();
  }

  /** {@code np.convolve(w, y, mode='same')}: zero padded, output length {@code y.length}. */
  double[] convolveSame(double[] y) {
    int half = weights.length / 2;
    double[] out = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      double acc = 0;
      for (int j = 0; j < weights.length; j++) {
        int k = i + j - half;
        if (k >= 0 && k < y.length) {
          acc += y[k] * weights[weights.length - 1 - j];
        }
      }
      out[i] = acc;
    }
    return out;
  }

  /**
   * Edge-replicated smoothing: two copies of the first value in front, two of the last at the end, then
   * {@code np.convolve(w, padded, mode='valid')}; output length {@code y.length}.
   */
  double[] convolveReplicated(double[] y) {
    int n = y.length;
    double[] padded = new double[n + 4];
    padded[0] = y[0];
    padded[1] = y[0];
    System.arraycopy(y, 0, padded, 2, n);
    padded[n + 2] = y[n - 1];
    padded[n + 3] = y[n - 1];
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      double acc = 0;
      for (int j = 0; j < weights.length; j++) {
        acc += padded[i + j] * weights[weights.length - 1 - j];
      }
      out[i] = acc;
    }
    return out;
  }
}
