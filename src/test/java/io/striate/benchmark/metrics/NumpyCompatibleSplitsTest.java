package io.striate.benchmark.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Split membership equals scikit-learn's with random_state=1 (expected values: tools/predictivity_reference.py). */
class NumpyCompatibleSplitsTest {
  @Test
  void mt19937MatchesNumpyRandomState() {
    // expected: np.random.RandomState(1).randint(0, 2**32, size=5, dtype=np.uint32)
    JsonNode f = PredictivityFixtures.load("splits.json");
    NumpyRandomState rng = new NumpyRandomState(1);
    for (JsonNode v : f.get("mt19937_seed1_first5")) {
      assertThat(rng.nextUint32()).isEqualTo(v.asLong());
    }
  }

  @Test
  void stratifiedShuffleSplitEqualsScikitLearnIndexForIndex() {
    JsonNode f = PredictivityFixtures.load("splits.json");
    for (JsonNode c : f.get("stratified")) {
      String[] labels = new String[c.get("labels").size()];
      for (int i = 0; i < labels.length; i++) {
        labels[i] = c.get("labels").get(i).asString();
      }
      List<StratifiedShuffleSplit.Split> ours = StratifiedShuffleSplit.splits(labels, 10, 0.9, 1);
      for (int s = 0; s < 10; s++) {
        assertThat(ours.get(s).train()).isEqualTo(ints(c.get("splits").get(s).get("train")));
        assertThat(ours.get(s).test()).isEqualTo(ints(c.get("splits").get(s).get("test")));
      }
    }
  }

  @Test
  void repetitionHalvesEqualScikitLearnShuffleSplit() {
    JsonNode f = PredictivityFixtures.load("splits.json");
    NumpyRandomState rng = new NumpyRandomState(1);
    for (JsonNode half : f.get("repetition_halves")) {
      int[] perm = rng.permutation(20);  // ShuffleSplit: test = perm[:10], train = perm[10:]
      assertThat(java.util.Arrays.copyOfRange(perm, 0, 10)).isEqualTo(ints(half.get("test")));
      assertThat(java.util.Arrays.copyOfRange(perm, 10, 20)).isEqualTo(ints(half.get("train")));
    }
  }

  private static int[] ints(JsonNode a) {
    int[] out = new int[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asInt();
    }
    return out;
  }
}
