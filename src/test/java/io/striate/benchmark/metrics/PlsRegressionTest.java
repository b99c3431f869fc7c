package io.striate.benchmark.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class PlsRegressionTest {
  /** Issue 5: predictions equal scikit-learn's within 1e-6 (max abs diff). */
  private static final double SKLEARN_TOLERANCE = 1e-6;

  // expected: scikit-learn 1.2 PLSRegression(n_components=25, scale=False).predict, tools/predictivity_reference.py
  @ParameterizedTest
  @ValueSource(strings = {"pls_wide.json", "pls_tall.json"})
  void featureSpaceNipalsMatchesScikitLearn(String fixture) {
    JsonNode f = PredictivityFixtures.load(fixture);
    double[][] expected = PredictivityFixtures.matrix(f.get("prediction"));
    double[][] got = PlsRegression.fit(PredictivityFixtures.matrix(f.get("x_train")),
        PredictivityFixtures.matrix(f.get("y_train")), 25).predict(PredictivityFixtures.matrix(f.get("x_test")));
    double diff = PredictivityFixtures.maxAbsDiff(got, expected);
    System.out.printf("PLS feature space vs sklearn (%s): max abs diff %.3e%n", fixture, diff);
    assertThat(diff).isLessThanOrEqualTo(SKLEARN_TOLERANCE);
  }

  // expected: same scikit-learn predictions; the Gram form must reproduce them from Gram matrices alone
  @ParameterizedTest
  @ValueSource(strings = {"pls_wide.json", "pls_tall.json"})
  void gramFormMatchesScikitLearn(String fixture) {
    JsonNode f = PredictivityFixtures.load(fixture);
    double[][] xTrain = PredictivityFixtures.matrix(f.get("x_train"));
    double[][] xTest = PredictivityFixtures.matrix(f.get("x_test"));
    int n = xTrain.length;
    int m = xTest.length;
    double[][] gram = gramOf(xTrain, xTest);
    int[] train = new int[n];
    int[] test = new int[m];
    for (int i = 0; i < n; i++) {
      train[i] = i;
    }
    for (int i = 0; i < m; i++) {
      test[i] = n + i;
    }
    FeatureGram g = FeatureGram.of(gram);
    double[][] got = GramPlsRegression.brainScore().fitPredict(g.centredTrain(train), g.centred(test, train),
        PredictivityFixtures.matrix(f.get("y_train")));
    double diff = PredictivityFixtures.maxAbsDiff(got, PredictivityFixtures.matrix(f.get("prediction")));
    System.out.printf("PLS Gram form vs sklearn (%s): max abs diff %.3e%n", fixture, diff);
    assertThat(diff).isLessThanOrEqualTo(SKLEARN_TOLERANCE);
  }

  /** Uncentred double-precision Gram matrix of the stacked rows (centring happens in FeatureGram). */
  static double[][] gramOf(double[][] a, double[][] b) {
    double[][] x = new double[a.length + b.length][];
    System.arraycopy(a, 0, x, 0, a.length);
    System.arraycopy(b, 0, x, a.length, b.length);
    double[][] g = new double[x.length][x.length];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x.length; j++) {
        g[i][j] = Linear.dot(x[i], x[j]);
      }
    }
    return g;
  }

  // expected: scikit-learn 1.2 Ridge(alpha=3.7, fit_intercept=True).predict, tools/predictivity_reference.py
  @ParameterizedTest
  @ValueSource(strings = {"pls_wide.json", "pls_tall.json"})
  void ridgeDualFormMatchesScikitLearn(String fixture) {
    JsonNode f = PredictivityFixtures.load(fixture);
    double[][] xTrain = PredictivityFixtures.matrix(f.get("x_train"));
    double[][] xTest = PredictivityFixtures.matrix(f.get("x_test"));
    FeatureGram g = FeatureGram.of(gramOf(xTrain, xTest));
    int[] train = java.util.stream.IntStream.range(0, xTrain.length).toArray();
    int[] test = java.util.stream.IntStream.range(xTrain.length, xTrain.length + xTest.length).toArray();
    double[][] got = RidgeRegression.fixed(g.centredTrain(train), g.centred(test, train),
        PredictivityFixtures.matrix(f.get("y_train")), f.get("ridge_alpha").asDouble());
    double diff = PredictivityFixtures.maxAbsDiff(got, PredictivityFixtures.matrix(f.get("ridge_prediction")));
    System.out.printf("Ridge dual form vs sklearn (%s): max abs diff %.3e%n", fixture, diff);
    assertThat(diff).isLessThanOrEqualTo(SKLEARN_TOLERANCE);
  }
}
