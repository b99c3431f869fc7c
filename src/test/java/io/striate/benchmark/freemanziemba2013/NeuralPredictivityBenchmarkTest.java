package io.striate.benchmark.freemanziemba2013;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.striate.benchmark.BenchmarkScore;
import io.striate.benchmark.metrics.CeilingNormalisation;
import io.striate.model.Progress;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NeuralPredictivityBenchmarkTest {
  /** Known split-half reliability of the 20-repetition mean in the synthetic data. */
  private static final double RELIABILITY = 0.8;
  /** Sampling spread of the ceiling/r estimates with 300 stimuli and 10 splits (observed sd ≈ 0.01). */
  private static final double ESTIMATE_TOLERANCE = 0.04;
  /** A model without information about the stimuli: |median r| stays near 0. */
  private static final double CHANCE_TOLERANCE = 0.08;

  private final SyntheticRecordings data = new SyntheticRecordings(300, 8, 400, 30, 20, RELIABILITY, 7);

  private NeuralPredictivityBenchmark benchmark(CeilingNormalisation norm) {
    return FreemanZiemba2013Benchmarks.privatePls(() -> Optional.of(data.set), norm);
  }

  @Test
  void ceilingRecoversTheKnownReliability() {
    double c = benchmark(CeilingNormalisation.V2).ceiling(data.set.recordings()).ceiling();
    System.out.printf("synthetic ceiling %.4f, known reliability %.4f%n", c, data.reliability());
    assertThat(c).isCloseTo(data.reliability(), within(ESTIMATE_TOLERANCE));
  }

  @Test
  void aModelThatIsTheNeuralSignalScoresAtTheCeiling() {
    float[][] f = new float[data.stimuli][];
    for (int s = 0; s < data.stimuli; s++) {
      f[s] = new float[data.signal[s].length];
      for (int j = 0; j < f[s].length; j++) {
        f[s][j] = (float) data.signal[s][j];
      }
    }
    BenchmarkScore v3 = benchmark(CeilingNormalisation.V3).score(
        SyntheticRecordings.model(data.set.recordings().stimulusIds(), f, "it"), Progress.NONE);
    System.out.printf("noise-free neural signal as model: r %.4f (sqrt(rho) %.4f), c %.4f, r^2/c %.4f%n",
        v3.raw(), Math.sqrt(data.reliability()), v3.ceiling(), v3.ceiled());
    // r = sqrt(rho): the best achievable prediction of a noisy repetition mean; r^2/c = 1 at the ceiling
    assertThat(v3.raw()).isCloseTo(Math.sqrt(data.reliability()), within(ESTIMATE_TOLERANCE));
    assertThat(v3.ceiled()).isCloseTo(1.0, within(2 * ESTIMATE_TOLERANCE));
    assertThat(v3.formulaId()).isEqualTo("r^2/c");
  }

  @Test
  void aLinearReadOutLayerScoresNearTheCeilingAndShuffledFeaturesNearZero() {
    BenchmarkScore good = benchmark(CeilingNormalisation.V2).score(
        SyntheticRecordings.model(data.set.recordings().stimulusIds(), data.layer, "layer1"), Progress.NONE);
    float[][] shuffled = data.layer.clone();
    Random rng = new Random(3);
    for (int i = shuffled.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      float[] t = shuffled[i];
      shuffled[i] = shuffled[j];
      shuffled[j] = t;
    }
    BenchmarkScore bad = benchmark(CeilingNormalisation.V2).score(
        SyntheticRecordings.model(data.set.recordings().stimulusIds(), shuffled, "layer1"), Progress.NONE);
    System.out.printf("linear read-out layer: r %.4f; shuffled features: r %.4f (error %.4f)%n",
        good.raw(), bad.raw(), bad.details().get("rawError"));
    assertThat(good.raw()).isCloseTo(Math.sqrt(data.reliability()), within(ESTIMATE_TOLERANCE));
    assertThat(good.layer()).isEqualTo("layer1");
    assertThat(good.formulaId()).isEqualTo("(r/c)^2");
    assertThat(good.ceiled()).isCloseTo(Math.pow(good.raw() / good.ceiling(), 2), within(1e-12));
    assertThat(bad.raw()).isCloseTo(0.0, within(CHANCE_TOLERANCE));
  }

  @Test
  void unavailableWithoutDataAndNeverScored() {
    NeuralPredictivityBenchmark b = FreemanZiemba2013Benchmarks.privatePls(Optional::empty, CeilingNormalisation.V2);
    assertThat(b.availability().available()).isFalse();
    assertThat(b.availability().howTo()).contains("docs/datasets.md");
    assertThat(b.info().parent()).isEqualTo("V1");
    assertThat(b.info().version()).isEqualTo(2);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.score(
            SyntheticRecordings.model(data.set.recordings().stimulusIds(), data.layer, "l"), Progress.NONE))
        .isInstanceOf(io.striate.problem.ScoringException.class);
  }
}
