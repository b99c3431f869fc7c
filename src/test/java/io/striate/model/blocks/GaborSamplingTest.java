package io.striate.model.blocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Sampling of Gabor parameters from VOneNet's empirical V1 tables (GaborSampling). */
class GaborSamplingTest {
  private static final int N = 20_000;
  /** Allowed gap between a sampled bin frequency and the table's (binomial s.d. at N = 20,000 is below 0.0035). */
  private static final double FREQUENCY_TOLERANCE = 0.015;

  @Test
  void sameSeedSameDrawOtherSeedOtherDraw() {
    var a = GaborSampling.draw(64, 7, GaborSampling.Mode.EMPIRICAL, 0.75, 0, 9, 3);
    var b = GaborSampling.draw(64, 7, GaborSampling.Mode.EMPIRICAL, 0.75, 0, 9, 3);
    var c = GaborSampling.draw(64, 8, GaborSampling.Mode.EMPIRICAL, 0.75, 0, 9, 3);
    assertThat(a.sf()).containsExactly(b.sf());
    assertThat(a.nx()).containsExactly(b.nx());
    assertThat(a.channel()).containsExactly(b.channel());
    assertThat(a.sf()).isNotEqualTo(c.sf());
  }

  @Test
  void empiricalDrawsStayInTheTablesRanges() {
    var d = GaborSampling.draw(N, 1, GaborSampling.Mode.EMPIRICAL, 0.75, 0, 9, 3);
    for (int i = 0; i < N; i++) {
      assertThat(d.orientation()[i]).isBetween(0.0, 180.0);
      assertThat(d.phase()[i]).isBetween(0.0, 360.0);
      assertThat(d.sf()[i]).isBetween(0.5, 8.0 + 1e-9); // sf_max 9 keeps edges up to 8 cycles/°
      assertThat(d.nx()[i]).isBetween(0.1 - 1e-12, Math.pow(10, 0.2) + 1e-12);
      assertThat(d.ny()[i]).isBetween(0.1 - 1e-12, Math.pow(10, 0.2) + 1e-12);
      assertThat(d.channel()[i]).isBetween(0, 2);
    }
  }

  @Test
  void orientationAndFrequencyFollowDeValois() {
    var d = GaborSampling.draw(N, 2, GaborSampling.Mode.EMPIRICAL, 0.75, 0, 9, 3);
    // De Valois 1982a counts 66 (around 0°), 49, 77 (around 90°), 54 of 246
    double[] ori = new double[4];
    for (double o : d.orientation()) ori[(int) Math.floor(((o + 22.5) % 180) / 45)]++;
    double[] expectedOri = {66 / 246.0, 49 / 246.0, 77 / 246.0, 54 / 246.0};
    for (int b = 0; b < 4; b++) assertThat(ori[b] / N).isCloseTo(expectedOri[b], within(FREQUENCY_TOLERANCE));
    // De Valois 1982b counts 4, 4, 8, 25, 32, 26, 28, 12 over 0.5 … 8 cycles/° (vonenet/params.py, commit 3c3a0b2)
    double[] edges = {0.5, 0.7, 1.0, 1.4, 2.0, 2.8, 4.0, 5.6, 8};
    double[] counts = {4, 4, 8, 25, 32, 26, 28, 12};
    double total = 139;
    double[] sf = new double[8];
    for (double s : d.sf()) {
      for (int b = 0; b < 8; b++) if (s >= edges[b] && s < edges[b + 1]) sf[b]++;
    }
    for (int b = 0; b < 8; b++) assertThat(sf[b] / N).isCloseTo(counts[b] / total, within(FREQUENCY_TOLERANCE));
  }

  @Test
  void nxAndSfAreCorrelatedThroughTheCopula() {
    var d = GaborSampling.draw(N, 3, GaborSampling.Mode.EMPIRICAL, 0.75, 0, 9, 3);
    assertThat(spearmanLike(d.nx(), d.sf())).isGreaterThan(0.5);
    var u = GaborSampling.draw(N, 3, GaborSampling.Mode.EMPIRICAL, 0, 0, 9, 3);
    assertThat(Math.abs(spearmanLike(u.nx(), u.sf()))).isLessThan(0.05);
  }

  @Test
  void uniformModeCoversTheRanges() {
    var d = GaborSampling.draw(N, 4, GaborSampling.Mode.UNIFORM, 0, 0, 9, 3);
    double below90 = 0;
    for (int i = 0; i < N; i++) {
      assertThat(d.orientation()[i]).isBetween(0.0, 180.0);
      assertThat(d.sf()[i]).isBetween(0.5, 8.0 + 1e-9);
      if (d.orientation()[i] < 90) below90++;
    }
    assertThat(below90 / N).isCloseTo(0.5, within(FREQUENCY_TOLERANCE));
  }

  @Test
  void normalCdfMatchesScipy() {
    // scipy.stats.norm.cdf(1.0) = 0.8413447460685429, norm.cdf(-2.5) = 0.006209665325776132
    assertThat(GaborSampling.phi(1.0)).isCloseTo(0.8413447460685429, within(1e-7));
    assertThat(GaborSampling.phi(-2.5)).isCloseTo(0.006209665325776132, within(1e-7));
  }

  @Test
  void impossibleSfRangeIsRejected() {
    assertThatThrownBy(() -> GaborSampling.draw(8, 0, GaborSampling.Mode.EMPIRICAL, 0.75, 9, 10, 3))
        .isInstanceOf(BlockConfigException.class).hasMessageContaining("sfMax");
  }

  /** Quantile gap allowed in log2 sf (VOneNet itself, seed 0 vs 1 at N = 200,000: 0.015). */
  private static final double LOG2_SF_QUANTILE_TOLERANCE = 0.05;
  /** Quantile gap allowed for orientation and phase, degrees (VOneNet seed 0 vs 1: 0.52° for orientation). */
  private static final double ANGLE_QUANTILE_TOLERANCE = 2.0;
  /** Quantile gap allowed in log10 nx, ny (VOneNet seed 0 vs 1: 0.0017). */
  private static final double LOG10_N_QUANTILE_TOLERANCE = 0.01;
  /** Allowed gap of the nx–sf rank correlation (binomial-scale noise at N = 200,000 is about 0.002). */
  private static final double SPEARMAN_TOLERANCE = 0.01;

  @Test
  void quantilesMatchVOneNetsOwnSampler() {
    // expected: quantiles of 200,000 draws by vonenet/params.py generate_gabor_param (dicarlolab/vonenet 3c3a0b2),
    // written by tools/block_fixtures.py sampling; the Java generator differs, so distributions are compared
    int n = 200_000;
    try (BlockFixture f = BlockFixture.load("sampling")) {
      double[] q = f.doubles("q");
      for (GaborSampling.Mode mode : GaborSampling.Mode.values()) {
        String m = mode.name().toLowerCase();
        var d = GaborSampling.draw(n, 5, mode, 0.75, 0, 9, 3);
        assertQuantiles(m + " log2 sf", transform(d.sf(), 2), q, f.doubles(m + "_log2_sf"), LOG2_SF_QUANTILE_TOLERANCE);
        assertQuantiles(m + " ori", d.orientation(), q, f.doubles(m + "_ori"), ANGLE_QUANTILE_TOLERANCE);
        assertQuantiles(m + " phase", d.phase(), q, f.doubles(m + "_phase"), ANGLE_QUANTILE_TOLERANCE);
        assertQuantiles(m + " log10 nx", transform(d.nx(), 10), q, f.doubles(m + "_log10_nx"),
            LOG10_N_QUANTILE_TOLERANCE);
        assertQuantiles(m + " log10 ny", transform(d.ny(), 10), q, f.doubles(m + "_log10_ny"),
            LOG10_N_QUANTILE_TOLERANCE);
        assertThat(spearmanLike(d.nx(), d.sf())).as(m + " spearman")
            .isCloseTo(f.doubles(m + "_spearman_nx_sf")[0], within(SPEARMAN_TOLERANCE));
      }
    }
  }

  @Test
  void sfMaxAboveTheTableKeepsTheWholeTable() {
    // vonenet/params.py's De Valois 1982b table ends at 8 cycles/°: sf_max 9 and 20 give the same distribution
    var a = GaborSampling.draw(256, 9, GaborSampling.Mode.EMPIRICAL, 0.75, 0, 9, 3);
    var b = GaborSampling.draw(256, 9, GaborSampling.Mode.EMPIRICAL, 0.75, 0, 20, 3);
    assertThat(a.sf()).containsExactly(b.sf());
  }

  private static double[] transform(double[] v, double base) {
    double[] r = new double[v.length];
    for (int i = 0; i < v.length; i++) r[i] = Math.log(v[i]) / Math.log(base);
    return r;
  }

  /** numpy.quantile's default (linear) method. */
  private static void assertQuantiles(String what, double[] values, double[] q, double[] expected, double tol) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    for (int i = 0; i < q.length; i++) {
      double pos = q[i] * (sorted.length - 1);
      int lo = (int) Math.floor(pos);
      int hi = Math.min(lo + 1, sorted.length - 1);
      double actual = sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
      assertThat(actual).as(what + " q" + q[i]).isCloseTo(expected[i], within(tol));
    }
  }

  /** Pearson correlation of the ranks. */
  private static double spearmanLike(double[] a, double[] b) {
    double[] ra = ranks(a);
    double[] rb = ranks(b);
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < ra.length; i++) {
      ma += ra[i];
      mb += rb[i];
    }
    ma /= ra.length;
    mb /= rb.length;
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < ra.length; i++) {
      sab += (ra[i] - ma) * (rb[i] - mb);
      saa += (ra[i] - ma) * (ra[i] - ma);
      sbb += (rb[i] - mb) * (rb[i] - mb);
    }
    return sab / Math.sqrt(saa * sbb);
  }

  private static double[] ranks(double[] v) {
    Integer[] idx = new Integer[v.length];
    for (int i = 0; i < v.length; i++) idx[i] = i;
    java.util.Arrays.sort(idx, (x, y) -> Double.compare(v[x], v[y]));
    double[] r = new double[v.length];
    for (int i = 0; i < v.length; i++) r[idx[i]] = i;
    return r;
  }
}
