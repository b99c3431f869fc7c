package io.striate.benchmark.metrics;

/**
 * Pearson correlation per neuroid (column) across stimuli (rows), as Brain-Score's {@code pearsonr_correlation}
 * (scipy.stats.pearsonr per neuroid):
 * {@code r_j = Σ_i (a_ij − ā_j)(b_ij − b̄_j) / sqrt(Σ_i (a_ij − ā_j)² · Σ_i (b_ij − b̄_j)²)}.
 * A column with zero variance gives NaN (numpy's 0/0), which {@link #nanMedian} then ignores as xarray's
 * {@code median(skipna=True)} does.
 */
public final class PearsonCorrelation {
  private PearsonCorrelation() {
  }

  /**
   * @param a {@code stimuli × neuroids}
   * @param b {@code stimuli × neuroids}, same shape
   * @return r per neuroid
   */
  public static double[] perColumn(double[][] a, double[][] b) {
    int n = a.length;
    if (n != b.length || n < 2) {
      throw new IllegalArgumentException("need the same number (>= 2) of rows, got " + n + " and " + b.length);
    }
    int m = a[0].length;
    double[] r = new double[m];
    for (int j = 0; j < m; j++) {
      double ma = 0;
      double mb = 0;
      for (int i = 0; i < n; i++) {
        ma += a[i][j];
        mb += b[i][j];
      }
      ma /= n;
      mb /= n;
      double sab = 0;
      double saa = 0;
      double sbb = 0;
      for (int i = 0; i < n; i++) {
        double da = a[i][j] - ma;
        double db = b[i][j] - mb;
        sab += da * db;
        saa += da * da;
        sbb += db * db;
      }
      r[j] = sab / Math.sqrt(saa * sbb);
    }
    return r;
  }

  /** Median of the non-NaN values (numpy {@code nanmedian}: mean of the two middle values for an even count). */
  public static double nanMedian(double[] values) {
    double[] v = java.util.Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    int h = v.length / 2;
    return v.length % 2 == 1 ? v[h] : 0.5 * (v[h - 1] + v[h]);
  }

  /** Arithmetic mean. */
  public static double mean(double[] values) {
    double s = 0;
    for (double x : values) {
      s += x;
    }
    return s / values.length;
  }

  /** Population standard deviation (numpy {@code std}, ddof = 0). */
  public static double populationStd(double[] values) {
    double m = mean(values);
    double s = 0;
    for (double x : values) {
      s += (x - m) * (x - m);
    }
    return Math.sqrt(s / values.length);
  }
}
