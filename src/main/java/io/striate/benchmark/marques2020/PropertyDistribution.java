package io.striate.benchmark.marques2020;

import java.util.Arrays;

/**
 * The primate reference for one neuronal property: Brain-Score's PropertyAssembly column and its
 * {@code <property>_bins} attribute (spec §3).
 *
 * @param property Brain-Score's property name, e.g. {@code preferred_orientation}
 * @param bins     bin edges, length K+1, ascending
 * @param values   one value per data row, NaN rows included ({@code values.length} is the bootstrap size n)
 * @param source   where the values come from (histogram resource or imported assembly and its sha1)
 */
public record PropertyDistribution(String property, double[] bins, double[] values, String source) {
  public PropertyDistribution {
    if (bins.length < 2) {
      throw new IllegalArgumentException("need at least one bin for " + property);
    }
    bins = bins.clone();
    values = values.clone();
  }

  /**
   * Rebuilds rows from a published histogram: {@code counts[i]} rows inside bin i plus NaN rows up to
   * {@code rows}. Each row sits at the bin's centre in its scale space (arithmetic for {@code linear} and
   * {@code binary}, geometric for {@code log2}/{@code log10}), so re-binning reproduces the counts exactly;
   * Brain-Score drew uniform random values instead, which bins identically.
   */
  public static PropertyDistribution fromHistogram(String property, double[] bins, long[] counts, int rows,
                                                   String scale, String source) {
    if (counts.length != bins.length - 1) {
      throw new IllegalArgumentException(property + ": " + counts.length + " counts for " + (bins.length - 1)
          + " bins");
    }
    long total = Arrays.stream(counts).sum();
    if (total > rows) {
      throw new IllegalArgumentException(property + ": counts exceed the number of rows");
    }
    double[] values = new double[rows];
    Arrays.fill(values, Double.NaN);
    int r = 0;
    for (int i = 0; i < counts.length; i++) {
      double lo = bins[i];
      double hi = bins[i + 1];
      double centre = scale.startsWith("log") ? Math.sqrt(lo * hi) : (lo + hi) / 2;
      for (long c = 0; c < counts[i]; c++) {
        values[r++] = centre;
      }
    }
    return new PropertyDistribution(property, bins, values, source);
  }

  /** Number of data rows n, NaN rows included. */
  public int rows() {
    return values.length;
  }
}
