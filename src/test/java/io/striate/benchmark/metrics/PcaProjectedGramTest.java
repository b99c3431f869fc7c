package io.striate.benchmark.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PcaProjectedGramTest {
  /** Agreement of the projected Gram matrix with scikit-learn's PCA transform (entries are O(100)). */
  private static final double SKLEARN_TOLERANCE = 1e-7;

  // expected: sklearn 1.2 PCA(n_components=29).fit(fit).transform(bench), Z Zᵀ; tools/predictivity_reference.py
  @Test
  void projectedGramMatchesScikitLearnPca() {
    JsonNode f = PredictivityFixtures.load("pca.json");
    double[][] fit = PredictivityFixtures.matrix(f.get("fit"));
    double[][] bench = PredictivityFixtures.matrix(f.get("bench"));
    FeatureGram joint = FeatureGram.of(PlsRegressionTest.gramOf(fit, bench));
    double[][] got = PcaProjectedGram.project(joint, fit.length, 29).matrix();
    double[][] expected = PredictivityFixtures.matrix(f.get("projected_gram"));
    double diff = PredictivityFixtures.maxAbsDiff(got, expected);
    System.out.printf("PCA-projected Gram vs sklearn: max abs diff %.3e (max entry %.1f)%n", diff, expected[0][0]);
    assertThat(diff).isLessThanOrEqualTo(SKLEARN_TOLERANCE);
  }
}
