package io.striate.benchmark.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FeatureGramTest {
  /** Relative agreement of float-accumulated Gram entries (plain Java chunks, PyTorch sgemm) with double sums. */
  private static final double FLOAT_ACCUMULATION_TOLERANCE = 1e-5;

  @Test
  void javaAndPyTorchGramMatricesEqualTheDoublePrecisionDefinition() {
    Random rng = new Random(9);
    int n = 23;
    int p = 5003;
    float[][] x = new float[n][p];
    for (float[] r : x) {
      for (int j = 0; j < p; j++) {
        r[j] = (float) (3 + rng.nextGaussian());
      }
    }
    double[] mean = new double[p];
    for (float[] r : x) {
      for (int j = 0; j < p; j++) {
        mean[j] += r[j] / (double) n;
      }
    }
    double[][] expected = new double[n][n];  // definition: (x_i − x̄)·(x_j − x̄) in double
    double scale = 0;
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < n; k++) {
        double s = 0;
        for (int j = 0; j < p; j++) {
          s += (x[i][j] - mean[j]) * (x[k][j] - mean[j]);
        }
        expected[i][k] = s;
        scale = Math.max(scale, Math.abs(s));
      }
    }
    double[][] java = FeatureGram.compute(copy(x)).matrix();
    double[][] djl = DjlFeatureGram.compute(copy(x)).matrix();
    assertThat(PredictivityFixtures.maxAbsDiff(java, expected) / scale).isLessThan(FLOAT_ACCUMULATION_TOLERANCE);
    assertThat(PredictivityFixtures.maxAbsDiff(djl, expected) / scale).isLessThan(FLOAT_ACCUMULATION_TOLERANCE);
  }

  private static float[][] copy(float[][] x) {
    float[][] c = new float[x.length][];
    for (int i = 0; i < x.length; i++) {
      c[i] = x[i].clone();
    }
    return c;
  }
}
