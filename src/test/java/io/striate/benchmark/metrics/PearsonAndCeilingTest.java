package io.striate.benchmark.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PearsonAndCeilingTest {
  /** Double-precision agreement with numpy on small data. */
  private static final double NUMPY_TOLERANCE = 1e-12;

  // expected: numpy corrcoef per column, tools/predictivity_reference.py
  @Test
  void pearsonMatchesNumpy() {
    JsonNode f = PredictivityFixtures.load("pearson.json");
    double[] r = PearsonCorrelation.perColumn(PredictivityFixtures.matrix(f.get("a")),
        PredictivityFixtures.matrix(f.get("b")));
    double[] expected = PredictivityFixtures.vector(f.get("r"));
    for (int j = 0; j < r.length; j++) {
      assertThat(r[j]).isCloseTo(expected[j], within(NUMPY_TOLERANCE));
    }
  }

  // expected: numpy split-half ceiling with Spearman-Brown for the listed halves, tools/predictivity_reference.py
  @Test
  void splitHalfCeilingMatchesNumpyForTheSameHalves() {
    JsonNode f = PredictivityFixtures.load("ceiling.json");
    JsonNode data = f.get("responses");  // stimulus × repetition × neuroid
    int stimuli = data.size();
    int reps = data.get(0).size();
    double[][] responses = new double[stimuli * reps][];
    int[] stimulus = new int[stimuli * reps];
    int[] repetition = new int[stimuli * reps];
    for (int s = 0; s < stimuli; s++) {
      for (int r = 0; r < reps; r++) {
        int i = s * reps + r;
        responses[i] = PredictivityFixtures.vector(data.get(s).get(r));
        stimulus[i] = s;
        repetition[i] = r;
      }
    }
    double[] expected = PredictivityFixtures.vector(f.get("split_medians"));
    double sum = 0;
    for (int k = 0; k < expected.length; k++) {
      int[] half = new int[f.get("halves").get(k).size()];
      for (int h = 0; h < half.length; h++) {
        half[h] = f.get("halves").get(k).get(h).asInt();
      }
      double got = SplitHalfConsistency.splitMedian(responses, stimulus, repetition, stimuli, half);
      assertThat(got).isCloseTo(expected[k], within(NUMPY_TOLERANCE));
      sum += got;
    }
    assertThat(sum / expected.length).isCloseTo(f.get("ceiling").asDouble(), within(NUMPY_TOLERANCE));
    // with our own generator the ceiling is a different draw of the same statistic: same value within the spread
    SplitHalfConsistency.Result ours = SplitHalfConsistency.ceiling(responses, stimulus, repetition, stimuli, 10, 1);
    assertThat(ours.ceiling()).isCloseTo(f.get("ceiling").asDouble(), within(0.1));
  }

  @Test
  void normalisationFormulas() {
    // Spec §6.6: leaderboard raw 0.4044 with c = 0.87366 -> 0.21427 (v2)
    assertThat(CeilingNormalisation.V2.apply(0.4044, 0.8736567542821909)).isCloseTo(0.21427, within(5e-5));
    // Spec §6.7: AlexNet 0.466222 / 0.873345 -> v2 0.2850, v3 0.2489
    assertThat(CeilingNormalisation.V2.apply(0.466222, 0.873345)).isCloseTo(0.2850, within(5e-5));
    assertThat(CeilingNormalisation.V3.apply(0.466222, 0.873345)).isCloseTo(0.2489, within(5e-5));
  }
}
