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
