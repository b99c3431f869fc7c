package io.striate.benchmark.marques2020;

import static org.assertj.core.api.Assertions.assertThat;

import io.striate.benchmark.BenchmarkScore;
import io.striate.benchmark.marques2020.data.MarquesDataStore;
import io.striate.scoring.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on test-code models: a Gabor energy model must match the De Valois 1982 preferred-orientation
 * distribution well (its units prefer all 12 orientations equally, like the roughly uniform primate histogram),
 * while the pixel-identity model has no orientation tuning and must fail it.
 */
class MarquesEndToEndTest {
  static final String PREF_OR = "Marques2020_DeValois1982-pref_or";
  /** Brain-Score's published ceiling of pref_or (test.py) ± the bootstrap tolerance. */
  static final double PREF_OR_CEILING = 0.962;
  static final double CEILING_TOLERANCE = 0.005;

  @TempDir
  Path dataDir;

  MarquesBenchmarkFactory factory() {
    return new MarquesBenchmarkFactory(MarquesReferenceData.load(), new MarquesDataStore(dataDir),
        new MarquesPhysiology(PhysiologySettings.DEFAULTS));
  }

  @Test
  void gaborModelMatchesPreferredOrientationAndPixelsFail() {
    MarquesBenchmarkFactory factory = factory();
    PropertyBenchmark benchmark = factory.create(PREF_OR);
    List<String> stages = new ArrayList<>();
    Progress progress = (stage, f) -> {
      if (stages.isEmpty() || !stages.get(stages.size() - 1).equals(stage)) {
        stages.add(stage);
      }
    };
    BenchmarkScore gabor;
    try (TestModels.Gabor model = new TestModels.Gabor()) {
      gabor = benchmark.score(model, progress);
    }
    assertThat(stages).contains("receptive fields", "Marques2020_orientation", "metric");
    // the 48 channels at the centre cell (2, 2) are in the RF disc; the neighbours are 0.5 deg away
    int[] inRf = (int[]) gabor.details().get("units_in_rf_indices");
    assertThat(inRf).hasSize(48);
    for (int u : inRf) {
      assertThat(u % 25).isEqualTo(12);
    }
    @SuppressWarnings("unchecked")
    List<Double> prefs = (List<Double>) gabor.details().get("values");
    assertThat(prefs).isNotEmpty();
    for (double p : prefs) {
      assertThat(p).isBetween(-22.5, 157.5);
    }
    assertThat(gabor.ceiling()).isCloseTo(PREF_OR_CEILING, org.assertj.core.api.Assertions.within(
        CEILING_TOLERANCE));
    assertThat(gabor.raw()).isGreaterThan(0.85);
    assertThat(gabor.ceiled()).isEqualTo(gabor.raw() / gabor.ceiling());

    BenchmarkScore pixels;
    try (TestModels.Pixels model = new TestModels.Pixels()) {
      pixels = benchmark.score(model, Progress.NONE);
    }
    assertThat((int[]) pixels.details().get("units_in_rf_indices")).isNotEmpty();
    assertThat(pixels.raw()).isLessThan(gabor.raw() - 0.2);
  }

  @Test
  void importedDataBenchmarksAreUnavailableNotZero() {
    MarquesBenchmarkFactory factory = factory();
    assertThat(factory.all()).hasSize(22);
    long available = factory.all().stream().filter(b -> b.availability().available()).count();
    assertThat(available).isEqualTo(7);
    PropertyBenchmark ringach = factory.create("Marques2020_Ringach2002-or_bandwidth");
    assertThat(ringach.availability().howTo()).contains("shapley.Ringach2002");
    assertThat(ringach.info().ceiling()).isNull();
    assertThat(ringach.info().parent()).isEqualTo("V1-orientation");
    assertThat(ringach.info().version()).isEqualTo(1);
  }
}
