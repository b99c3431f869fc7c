package io.striate.benchmark.marques2020;

import static org.assertj.core.api.Assertions.assertThat;

import io.striate.benchmark.BenchmarkScore;
import io.striate.benchmark.marques2020.data.MarquesDataStore;
import io.striate.model.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
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

  static Path fixture(String name) throws Exception {
    return Path.of(MarquesEndToEndTest.class.getResource("/fixtures/marques2020/" + name).toURI());
  }

  @Test
  void importedAssembliesAndTexturesMakeBenchmarksAvailableAndScorable() throws Exception {
    JsonNode meta = Fixtures.json("importer.json");
    MarquesDataStore store = new MarquesDataStore(dataDir, Map.of(
        MarquesDataStore.RINGACH + ".nc", meta.get("assembly").get("sha1").asString(),
        MarquesDataStore.FREEMAN_ZIEMBA + ".nc", meta.get("fz").get("assembly_sha1").asString(),
        MarquesDataStore.TEXTURES + ".csv", meta.get("fz").get("csv_sha1").asString(),
        MarquesDataStore.TEXTURES + ".zip", meta.get("fz").get("zip_sha1").asString()));
    MarquesBenchmarkFactory factory = new MarquesBenchmarkFactory(MarquesReferenceData.load(), store,
        new MarquesPhysiology(PhysiologySettings.DEFAULTS));
    PropertyBenchmark cv = factory.create("Marques2020_Ringach2002-circular_variance");
    PropertyBenchmark tmi = factory.create("Marques2020_FreemanZiemba2013-texture_modulation_index");
    assertThat(cv.availability().available()).isFalse();
    assertThat(tmi.availability().available()).isFalse();
    store.importAssembly(MarquesDataStore.RINGACH, fixture("property_assembly.nc"));
    store.importAssembly(MarquesDataStore.FREEMAN_ZIEMBA, fixture("fz_assembly.nc"));
    assertThat(tmi.availability().available()).as("textures still missing").isFalse();
    store.importTextureStimuli(fixture("fz_stimuli.csv"), fixture("fz_stimuli.zip"));
    assertThat(cv.availability().available()).isTrue();
    assertThat(tmi.availability().available()).isTrue();
    // the Ringach fixture holds only 3 columns: the others stay unavailable with a reason
    assertThat(factory.create("Marques2020_Ringach2002-opr_cv_diff").availability().reason()).contains("no column");
    assertThat(cv.info().ceiling()).isNotNull();
    try (TestModels.Gabor model = new TestModels.Gabor()) {
      for (PropertyBenchmark b : List.of(cv, tmi, factory.create("Marques2020_FreemanZiemba2013-max_texture"))) {
        BenchmarkScore s = b.score(model, Progress.NONE);
        assertThat(s.raw()).as(b.info().id()).isBetween(0.0, 1.0);
        assertThat((int) s.details().get("units_passing_threshold")).as(b.info().id()).isPositive();
        assertThat(s.ceiled()).isEqualTo(s.raw() / s.ceiling());
      }
    }
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
