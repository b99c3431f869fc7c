package io.striate.benchmark.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.striate.benchmark.marques2020.MarquesReferenceData;
import io.striate.benchmark.marques2020.PropertyDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KsDistributionSimilarityTest {
  /** Brain-Score's ceiling tests allow ±0.005 (spec §5.4); the bootstrap alone varies by about ±0.003. */
  static final double CEILING_TOLERANCE = 0.005;
  static final double EXACT = 1e-12;
  static final long SEED = 0;

  @ParameterizedTest(name = "{0}/{1} ceiling {2}")
  @CsvSource({
      // expected: brain-score/vision benchmarks/marques2020/test.py test_ceilings (spec §2 table)
      "DeValois1982a, preferred_orientation, 0.962",
      "DeValois1982b, peak_spatial_frequency, 0.967",
      "Schiller1976c, spatial_frequency_selective, 0.963",
      "Schiller1976c, spatial_frequency_bandwidth, 0.933",
      "Cavanaugh2002a, surround_suppression_index, 0.958",
      "Cavanaugh2002a, grating_summation_field, 0.956",
      "Cavanaugh2002a, surround_diameter, 0.955"})
  void ceilingsReproduceBrainScore(String dataset, String property, double expected) {
    PropertyDistribution data = MarquesReferenceData.load().get(dataset, property);
    for (long seed = 0; seed < 3; seed++) {
      double ceiling = KsDistributionSimilarity.ceiling(data.values(), data.bins(), seed).center();
      assertThat(ceiling).as("seed " + seed).isCloseTo(expected, within(CEILING_TOLERANCE));
    }
  }

  @Test
  void identicalHistogramsHaveSimilarityOne() {
    double[] p = {0.1, 0.2, 0.3, 0.4};
    assertThat(KsDistributionSimilarity.similarity(p, p)).isCloseTo(1.0, within(EXACT));
  }

  @Test
  void constantModelScoresOneAgainstTheSameConstant() {
    // every bootstrap draw equals the data histogram exactly, so each similarity is 1
    double[] bins = {0, 1, 2, 3};
    double[] values = {1.5, 1.5, 1.5};
    KsDistributionSimilarity.Result r = KsDistributionSimilarity.score(values, values, bins, SEED);
    assertThat(r.center()).isCloseTo(1.0, within(EXACT));
    assertThat(r.error()).isCloseTo(0.0, within(EXACT));
  }

  @Test
  void allMassAtTheFarEndScoresZero() {
    // data all in bin 0, model all in the last bin: D = Dmax so the similarity is 0 (hand computed)
    double[] bins = {0, 1, 2, 3};
    KsDistributionSimilarity.Result r = KsDistributionSimilarity.score(new double[] {2.5}, new double[] {0.5, 0.5},
        bins, SEED);
    assertThat(r.center()).isCloseTo(0.0, within(EXACT));
  }

  @Test
  void knownHistogramPair() {
    // p = [0.5,0.5,0], q = [0,0.5,0.5]: cum p = [.5,1,1], cum q = [0,.5,1], D = 0.5;
    // Dmax = max(max|[1,1,1]-cumq|, max|[0,0,1]-cumq|) = max(1, 0.5) = 1 -> similarity 0.5 (hand computed)
    assertThat(KsDistributionSimilarity.similarity(new double[] {0.5, 0.5, 0}, new double[] {0, 0.5, 0.5}))
        .isCloseTo(0.5, within(EXACT));
  }

  @Test
  void histogramFollowsNumpyEdgeRules() {
    double[] bins = {0, 1, 2};
    // np.histogram([0, 0.999, 1, 2, nan], bins=[0,1,2]) -> [2, 2]: half-open bins, last bin closed, NaN dropped
    assertThat(KsDistributionSimilarity.histogram(new double[] {0, 0.999, 1, 2, Double.NaN}, bins))
        .containsExactly(2, 2);
    // clipping moves out-of-range values onto the outer edges
    assertThat(KsDistributionSimilarity.clip(new double[] {-5, 7, Double.NaN}, bins)).containsExactly(0, 2,
        Double.NaN);
  }

  @Test
  void tooManyNanDrawsScoreZero() {
    // model: 1 finite value among 50 NaN; with n = 2 draws most samples are all-NaN -> > 100 NaN draws -> 0
    double[] model = new double[51];
    java.util.Arrays.fill(model, Double.NaN);
    model[0] = 0.5;
    KsDistributionSimilarity.Result r = KsDistributionSimilarity.score(model, new double[] {0.5, 0.5},
        new double[] {0, 1}, SEED);
    assertThat(r.nanDraws()).isGreaterThan(KsDistributionSimilarity.MAX_NAN_DRAWS);
    assertThat(r.center()).isZero();
  }

  @Test
  void emptyModelScoresZero() {
    KsDistributionSimilarity.Result r = KsDistributionSimilarity.score(new double[0], new double[] {0.5},
        new double[] {0, 1}, SEED);
    assertThat(r.center()).isZero();
  }
}
