package io.striate.model.blocks;

import java.util.SplittableRandom;

/**
 * Draws Gabor parameters the way VOneNet does ({@code vonenet/params.py: generate_gabor_param}, Dapello et al.,
 * NeurIPS 2020), from the empirical macaque V1 histograms it uses:
 * <ul>
 *   <li>orientation: De Valois, Yund &amp; Hepler 1982a, bins −22.5, 22.5, 67.5, 112.5, 157.5° with counts
 *       66, 49, 77, 54 (negative angles wrapped by +180°);</li>
 *   <li>peak spatial frequency: De Valois, Albrecht &amp; Thorell 1982b, bin edges 0.5, 0.7, 1.0, 1.4, 2.0, 2.8,
 *       4.0, 5.6, 8 cycles/° with counts 4, 4, 8, 25, 32, 26, 28, 12 (VOneNet's table ends at 8 cycles/°, so any
 *       sfMax ≥ 8 keeps the whole table), restricted to the edges within [sfMin, sfMax], interpolated linearly in
 *       log2;</li>
 *   <li>envelope nx, ny (widths in cycles): Ringach 2002, log10-spaced bins 10^−1 … 10^0.2 (6 edges) with the
 *       joint 5×5 counts VOneNet tabulates; ny is drawn from the conditional row of the sampled nx bin;</li>
 *   <li>phase uniform on [0°, 360°); nx and sf correlated through a bivariate normal copula with coefficient
 *       {@code sfCorr} (VOneNet's default 0.75, after Schiller et al. 1976).</li>
 * </ul>
 * The tables were checked line by line against dicarlolab/vonenet {@code vonenet/params.py} (commit 3c3a0b2). The draws use Java's
 * {@link SplittableRandom} with the given seed, so they are deterministic but are not the same numbers as
 * VOneNet's numpy {@code RandomState}; only the distributions agree. The uniform mode mirrors VOneNet's
 * {@code rand_param=True}: orientation uniform on [0°, 180°), sf log2-uniform over the same bins, nx and ny
 * log10-uniform on [0.1, 10^0.2].
 */
public final class GaborSampling {
  static final double[] ORI_BINS = {-22.5, 22.5, 67.5, 112.5, 157.5};
  static final double[] ORI_COUNTS = {66, 49, 77, 54};
  static final double[] SF_BINS = {0.5, 0.7, 1.0, 1.4, 2.0, 2.8, 4.0, 5.6, 8};
  static final double[] SF_COUNTS = {4, 4, 8, 25, 32, 26, 28, 12};
  static final double[][] N_JOINT = {
      {2, 0, 1, 0, 0},
      {8, 9, 4, 1, 0},
      {1, 2, 19, 17, 3},
      {0, 0, 1, 7, 4},
      {0, 0, 0, 0, 0}};
  static final double NX_MIN = 0.1;
  static final double NX_MAX = Math.pow(10, 0.2);

  /** Which distributions to draw from. */
  public enum Mode { EMPIRICAL, UNIFORM }

  /**
   * Parameters in the units of the papers, one entry per filter.
   *
   * @param sf          spatial frequency, cycles per degree
   * @param orientation degrees in [0, 180)
   * @param phase       degrees in [0, 360)
   * @param nx          envelope width along the carrier, in cycles
   * @param ny          envelope width across the carrier, in cycles
   * @param channel     input channel read by each filter
   */
  public record Draw(double[] sf, double[] orientation, double[] phase, double[] nx, double[] ny, int[] channel) {
    /**
     * Converts to pixels as VOneNet does: ppd = inputSize / visualDegrees; f = sf / ppd (cycles/pixel);
     * σx = nx / f; σy = ny / f; angles to radians.
     */
    public GaborParameters toPixels(int inputSize, double visualDegrees) {
      int n = sf.length;
      double ppd = inputSize / visualDegrees;
      double[] f = new double[n];
      double[] th = new double[n];
      double[] sx = new double[n];
      double[] sy = new double[n];
      double[] ph = new double[n];
      for (int i = 0; i < n; i++) {
        f[i] = sf[i] / ppd;
        sx[i] = nx[i] / f[i];
        sy[i] = ny[i] / f[i];
        th[i] = orientation[i] / 180 * Math.PI;
        ph[i] = phase[i] / 180 * Math.PI;
      }
      return new GaborParameters(f, th, sx, sy, ph, channel.clone());
    }
  }

  private GaborSampling() {
  }

  /**
   * @param n          number of filters
   * @param seed       seed of the draw
   * @param mode       empirical V1 or uniform
   * @param sfCorr     correlation of nx and sf in the copula (empirical mode), VOneNet default 0.75
   * @param sfMin      lowest sf bin edge kept, cycles/°, VOneNet default 0
   * @param sfMax      highest sf bin edge kept, cycles/°, VOneNet default 9
   * @param inChannels channels of the input; each filter reads one, drawn uniformly
   */
  public static Draw draw(int n, long seed, Mode mode, double sfCorr, double sfMin, double sfMax, int inChannels) {
    BlockConfigException.require(n > 0, "channels", "must be positive", null);
    BlockConfigException.require(sfCorr > -1 && sfCorr < 1, "sfCorr", "must lie in (-1, 1)", null);
    BlockConfigException.require(inChannels > 0, "inChannels", "must be positive", null);
    double[][] sfTable = sfTable(sfMin, sfMax, mode == Mode.UNIFORM);
    SplittableRandom random = new SplittableRandom(seed);
    double[] phase = new double[n];
    double[] ori = new double[n];
    double[] sf = new double[n];
    double[] nx = new double[n];
    double[] ny = new double[n];
    int[] channel = new int[n];
    double[] nxBins = logspace(-1, 0.2, 6);
    double[] nxCdf = cdf(rowSums(N_JOINT));
    for (int i = 0; i < n; i++) {
      phase[i] = 360 * random.nextDouble();
      if (mode == Mode.UNIFORM) {
        ori[i] = 180 * random.nextDouble();
        sf[i] = Math.pow(2, interp(random.nextDouble(), sfTable[1], log(sfTable[0], 2)));
        nx[i] = Math.pow(10, interp(random.nextDouble(), new double[] {0, 1}, new double[] {-1, 0.2}));
        ny[i] = Math.pow(10, interp(random.nextDouble(), new double[] {0, 1}, new double[] {-1, 0.2}));
      } else {
        ori[i] = interp(random.nextDouble(), cdf(ORI_COUNTS), ORI_BINS);
        if (ori[i] < 0) ori[i] += 180;
        double z1 = FixedArrays.normal(random);
        double z2 = sfCorr * z1 + Math.sqrt(1 - sfCorr * sfCorr) * FixedArrays.normal(random);
        nx[i] = Math.pow(10, interp(phi(z1), nxCdf, log(nxBins, 10)));
        int bin = 0;
        for (int b = 0; b < nxBins.length; b++) if (nxBins[b] < nx[i]) bin = b;
        double[] row = N_JOINT[Math.min(bin, N_JOINT.length - 1)];
        double rowSum = 0;
        for (double v : row) rowSum += v;
        double[] rowCdf = rowSum == 0 ? cdf(new double[] {1, 1, 1, 1, 1}) : cdf(row);
        ny[i] = Math.pow(10, interp(random.nextDouble(), rowCdf, log(nxBins, 10)));
        sf[i] = Math.pow(2, interp(phi(z2), sfTable[1], log(sfTable[0], 2)));
      }
      channel[i] = random.nextInt(inChannels);
    }
    return new Draw(sf, ori, phase, nx, ny, channel);
  }

  /** Sf bin edges (row 0) and the cumulative distribution at those edges (row 1), cut to [sfMin, sfMax]. */
  static double[][] sfTable(double sfMin, double sfMax, boolean uniform) {
    int hi = -1;
    int lo = -1;
    for (int i = 0; i < SF_BINS.length; i++) {
      if (uniform ? SF_BINS[i] < sfMax : SF_BINS[i] <= sfMax) hi = i;
      if (lo < 0 && SF_BINS[i] >= sfMin) lo = i;
    }
    BlockConfigException.require(lo >= 0 && hi > lo, "sfMax", "the sf range [" + sfMin + ", " + sfMax
        + "] keeps fewer than two bin edges", "use sfMin < sfMax within 0.5 … 8 cycles/degree");
    double[] edges = new double[hi - lo + 1];
    double[] counts = new double[hi - lo];
    for (int i = lo; i <= hi; i++) edges[i - lo] = SF_BINS[i];
    for (int i = lo; i < hi; i++) counts[i - lo] = uniform ? 1 : SF_COUNTS[i];
    return new double[][] {edges, cdf(counts)};
  }

  /** {@code [0, cumsum(counts / sum(counts))]}. */
  static double[] cdf(double[] counts) {
    double total = 0;
    for (double c : counts) total += c;
    double[] r = new double[counts.length + 1];
    for (int i = 0; i < counts.length; i++) r[i + 1] = r[i] + counts[i] / total;
    return r;
  }

  private static double[] rowSums(double[][] m) {
    double[] r = new double[m.length];
    for (int i = 0; i < m.length; i++) for (double v : m[i]) r[i] += v;
    return r;
  }

  private static double[] logspace(double a, double b, int n) {
    double[] r = new double[n];
    for (int i = 0; i < n; i++) r[i] = Math.pow(10, a + (b - a) * i / (n - 1));
    return r;
  }

  private static double[] log(double[] v, double base) {
    double[] r = new double[v.length];
    for (int i = 0; i < v.length; i++) r[i] = Math.log(v[i]) / Math.log(base);
    return r;
  }

  /** numpy.interp for increasing (possibly repeated) xp: the first segment whose span contains x. */
  static double interp(double x, double[] xp, double[] fp) {
    if (x <= xp[0]) return fp[0];
    if (x >= xp[xp.length - 1]) return fp[fp.length - 1];
    for (int i = 0; i < xp.length - 1; i++) {
      if (x >= xp[i] && x < xp[i + 1]) {
        return fp[i] + (fp[i + 1] - fp[i]) * (x - xp[i]) / (xp[i + 1] - xp[i]);
      }
    }
    return fp[fp.length - 1];
  }

  /** Standard normal CDF, Φ(z) = ½ erfc(−z/√2) (Numerical Recipes' erfcc, fractional error below 1.2e-7). */
  static double phi(double z) {
    double x = -z / Math.sqrt(2);
    double t = 1 / (1 + 0.5 * Math.abs(x));
    double erfc = t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
        + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223
        + t * 0.17087277)))))))));
    if (x < 0) erfc = 2 - erfc;
    return 0.5 * erfc;
  }
}
