package io.striate.benchmark.metrics;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Brain-Score's bootstrapped Kolmogorov–Smirnov distribution similarity ({@code ks_similarity} with
 * {@code BootstrapDistributionSimilarity}, Marques, Schrimpf &amp; DiCarlo 2021; spec §5).
 *
 * <p>Histogram similarity of a model histogram {@code p} and a data histogram {@code q} over the same bins, both
 * normalised to sum 1, with cumulative sums {@code P}, {@code Q}:
 * {@code D = max_k |P_k − Q_k|}, {@code Dmax = max(max_k|1 − Q_k|, max_k|[k=K] − Q_k|)} and
 * {@code similarity = 1 − D / Dmax}.
 *
 * <p>Bootstrap: values are clipped into {@code [e_0, e_K]} (NaN stays NaN); the data histogram uses numpy's
 * {@code np.histogram} semantics (half-open bins, last bin closed, NaN not counted). {@value #SAMPLES} times,
 * {@code n} = number of <em>data rows</em> (NaN rows included) model values are drawn uniformly with replacement,
 * binned and compared. More than {@value #MAX_NAN_DRAWS} NaN similarities give a score of 0, otherwise the score is
 * the NaN-ignoring mean and the error the NaN-ignoring population standard deviation. An empty model (no unit
 * passed the response threshold) scores 0. Brain-Score's RNG is unseeded numpy; here the seed is explicit.
 */
public final class KsDistributionSimilarity {
  /** Bootstrap draws, Brain-Score's {@code NSAMPLES}. */
  public static final int SAMPLES = 1000;
  /** More NaN draws than this (NSAMPLES / 10) score 0. */
  public static final int MAX_NAN_DRAWS = SAMPLES / 10;

  private KsDistributionSimilarity() {
  }

  /**
   * Outcome of one bootstrapped comparison.
   *
   * @param center      NaN-ignoring mean similarity over the draws (0 when too many draws were NaN)
   * @param error       NaN-ignoring population standard deviation of the draws
   * @param nanDraws    draws whose similarity was NaN
   * @param sampleSize  n, values drawn per bootstrap sample (= data rows)
   * @param bins        the bin edges, length K+1
   * @param dataCounts  histogram of the data (K counts)
   * @param modelCounts histogram of all model values (K counts, not resampled)
   */
  public record Result(double center, double error, int nanDraws, int sampleSize, double[] bins, long[] dataCounts,
                       long[] modelCounts) {
  }

  /** KS similarity {@code 1 − D/Dmax} of two normalised histograms (numpy's {@code ks_similarity}). */
  public static double similarity(double[] p, double[] q) {
    if (p.length != q.length || p.length == 0) {
      throw new IllegalArgumentException("histograms must have the same non-zero length");
    }
    double cp = 0;
    double cq = 0;
    double cz1 = 0;
    double raw = Double.NEGATIVE_INFINITY;
    double max1 = Double.NEGATIVE_INFINITY;
    double max2 = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < p.length; k++) {
      cp += p[k];
      cq += q[k];
      cz1 += k == 0 ? 1 : 0;
      double cz2 = k == p.length - 1 ? 1 : 0;
      raw = nanMax(raw, Math.abs(cp - cq));
      max1 = nanMax(max1, Math.abs(cz1 - cq));
      max2 = nanMax(max2, Math.abs(cz2 - cq));
    }
    double max = nanMax(max1, max2);
    return 1 - raw / max;
  }

  /** The KS statistic {@code D = max_k |P_k − Q_k|} of two normalised histograms. */
  public static double distance(double[] p, double[] q) {
    double cp = 0;
    double cq = 0;
    double d = 0;
    for (int k = 0; k < p.length; k++) {
      cp += p[k];
      cq += q[k];
      d = nanMax(d, Math.abs(cp - cq));
    }
    return d;
  }

  /** Counts divided by their sum (NaN when the sum is 0). */
  public static double[] normalise(long[] counts) {
    double total = 0;
    for (long c : counts) {
      total += c;
    }
    double[] out = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      out[i] = counts[i] / total;
    }
    return out;
  }

  /** numpy's max propagates NaN. */
  private static double nanMax(double a, double b) {
    if (Double.isNaN(a) || Double.isNaN(b)) {
      return Double.NaN;
    }
    return Math.max(a, b);
  }

  /** Clips finite and infinite values into {@code [edges[0], edges[K]]}; NaN stays NaN. Returns a copy. */
  public static double[] clip(double[] values, double[] edges) {
    double lo = edges[0];
    double hi = edges[edges.length - 1];
    double[] out = values.clone();
    for (int i = 0; i < out.length; i++) {
      if (out[i] < lo) {
        out[i] = lo;
      }
      if (out[i] > hi) {
        out[i] = hi;
      }
    }
    return out;
  }

  /**
   * {@code np.histogram(values, bins=edges)[0]}: bin i holds {@code e_i <= v < e_{i+1}}, the last bin also holds
   * {@code v == e_K}; values outside and NaN are not counted.
   */
  public static long[] histogram(double[] values, double[] edges) {
    long[] counts = new long[edges.length - 1];
    for (double v : values) {
      int b = bin(v, edges);
      if (b >= 0) {
        counts[b]++;
      }
    }
    return counts;
  }

  /** Bin index of {@code v} with numpy semantics, or -1 when NaN or outside. */
  static int bin(double v, double[] edges) {
    int k = edges.length - 1;
    if (Double.isNaN(v) || v < edges[0] || v > edges[k]) {
      return -1;
    }
    if (v == edges[k]) {
      return k - 1;
    }
    // largest i with edges[i] <= v
    int lo = 0;
    int hi = k;
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      if (edges[mid] <= v) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * Bootstrapped similarity of {@code model} values to {@code data} values (both may hold NaN).
   *
   * @param seed seed of the resampling RNG
   */
  public static Result score(double[] model, double[] data, double[] edges, long seed) {
    double[] d = clip(data, edges);
    double[] m = clip(model, edges);
    int n = d.length;
    long[] dataCounts = histogram(d, edges);
    double[] q = normalise(dataCounts);
    long[] modelCounts = histogram(m, edges);
    if (m.length == 0) {
      return new Result(0, 0, SAMPLES, n, edges.clone(), dataCounts, modelCounts);
    }
    int k = edges.length - 1;
    int[] binOf = new int[m.length];
    for (int i = 0; i < m.length; i++) {
      binOf[i] = bin(m[i], edges);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    long[] counts = new long[k];
    double sum = 0;
    double sumSq = 0;
    int valid = 0;
    int nan = 0;
    double[] sims = new double[SAMPLES];
    for (int s = 0; s < SAMPLES; s++) {
      Arrays.fill(counts, 0);
      for (int j = 0; j < n; j++) {
        int b = binOf[rng.nextInt(m.length)];
        if (b >= 0) {
          counts[b]++;
        }
      }
      double sim = similarity(normalise(counts), q);
      sims[s] = sim;
      if (Double.isNaN(sim)) {
        nan++;
      } else {
        valid++;
        sum += sim;
      }
    }
    if (nan > MAX_NAN_DRAWS) {
      return new Result(0, 0, nan, n, edges.clone(), dataCounts, modelCounts);
    }
    double mean = sum / valid;
    for (double sim : sims) {
      if (!Double.isNaN(sim)) {
        sumSq += (sim - mean) * (sim - mean);
      }
    }
    return new Result(mean, Math.sqrt(sumSq / valid), nan, n, edges.clone(), dataCounts, modelCounts);
  }

  /** The ceiling: the data compared against itself with the same bootstrap (spec §5.3). */
  public static Result ceiling(double[] data, double[] edges, long seed) {
    return score(data, data, edges, seed);
  }
}
