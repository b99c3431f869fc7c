package io.striate.benchmark.freemanziemba2013;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.striate.benchmark.BenchmarkScore;
import io.striate.benchmark.metrics.CeilingNormalisation;
import io.striate.benchmark.metrics.FeatureGram;
import io.striate.dataset.DatasetStore;
import io.striate.dataset.RecordingSet;
import io.striate.model.RgbImage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recording set written by tools/predictivity_brainio_fixture.py as Brain-Score's {@code write_netcdf} writes it
 * (compressed and uncompressed, stimulus csv in order and shuffled), imported and scored against pixel features:
 * the storage and the csv's row order change nothing; V3 (default) and V2 differ only in the formula.
 */
class BrainScoreWrittenRecordingsTest {
  /** The bar for a shuffled stimulus csv. */
  private static final double ORDER_TOLERANCE = 1e-12;

  @TempDir
  static Path data;
  static DatasetStore store;

  static Path fixture(String name) throws URISyntaxException {
    return Path.of(BrainScoreWrittenRecordingsTest.class.getResource("/fixtures/predictivity/brainio/" + name)
        .toURI());
  }

  @BeforeAll
  static void importAll() throws Exception {
    store = new DatasetStore(data);
    Path plain = data.resolve("bs_uncompressed.nc");
    try (InputStream in = new GZIPInputStream(Files.newInputStream(fixture("bs_uncompressed.nc.gz")))) {
      Files.copy(in, plain);
    }
    importSet("lab.bs.compressed", fixture("bs_compressed.nc"), "bs_stimuli.csv");
    importSet("lab.bs.uncompressed", plain, "bs_stimuli.csv");
    importSet("lab.bs.shuffled", fixture("bs_compressed.nc"), "bs_stimuli_shuffled.csv");
  }

  private static void importSet(String id, Path assembly, String csv) throws URISyntaxException {
    store.importBrainIo(new DatasetStore.BrainIoImport(id, assembly, fixture(csv), fixture("bs_stimuli.zip"), "V1",
        50, 200, 4.0, Map.of()));
  }

  /** Per pixel of the red channel: the value and its square (a crude energy), per image in the set's order. */
  static float[][] pixelFeatures(RecordingSet set) {
    float[][] x = new float[set.stimuli().size()][];
    for (int i = 0; i < x.length; i++) {
      RgbImage img = set.stimuli().image(i);
      x[i] = new float[2 * img.width() * img.height()];
      int k = 0;
      for (int y = 0; y < img.height(); y++) {
        for (int c = 0; c < img.width(); c++) {
          float v = (img.value(y, c, 0) - 128) / 128f;
          x[i][k++] = v;
          x[i][k++] = v * v;
        }
      }
    }
    return x;
  }

  static BenchmarkScore score(String id, CeilingNormalisation norm) {
    RecordingSet set = store.load(id).orElseThrow();
    NeuralPredictivityBenchmark b = FreemanZiemba2013Benchmarks.publicPls(() -> Optional.of(set), norm);
    float[][] x = pixelFeatures(set);
    return b.scoreFeatures(FeatureGram.compute(x), set.recordings(), "pixels", x[0].length);
  }

  @Test
  void compressedUncompressedAndShuffledScoreTheSame() throws IOException {
    BenchmarkScore packed = score("lab.bs.compressed", CeilingNormalisation.V3);
    BenchmarkScore plain = score("lab.bs.uncompressed", CeilingNormalisation.V3);
    BenchmarkScore shuffled = score("lab.bs.shuffled", CeilingNormalisation.V3);
    BenchmarkScore v2 = score("lab.bs.compressed", CeilingNormalisation.V2);
    System.out.printf("bs fixture: compressed V3 raw %.10f ceiling %.10f ceiled %.10f error %.10f%n", packed.raw(),
        packed.ceiling(), packed.ceiled(), packed.error());
    System.out.printf("bs fixture: uncompressed V3 raw %.10f ceiling %.10f ceiled %.10f%n", plain.raw(),
        plain.ceiling(), plain.ceiled());
    System.out.printf("bs fixture: shuffled csv V3 raw %.10f ceiled %.10f (|d| %.2e)%n", shuffled.raw(),
        shuffled.ceiled(), Math.abs(shuffled.ceiled() - packed.ceiled()));
    System.out.printf("bs fixture: compressed V2 ceiled %.10f error %.10f%n", v2.ceiled(), v2.error());
    assertThat(packed.raw()).as("pixel features carry some signal").isGreaterThan(0.05);
    assertThat(plain.raw()).isEqualTo(packed.raw());
    assertThat(plain.ceiling()).isEqualTo(packed.ceiling());
    assertThat(plain.ceiled()).isEqualTo(packed.ceiled());
    assertThat(shuffled.raw()).isCloseTo(packed.raw(), within(ORDER_TOLERANCE));
    assertThat(shuffled.ceiling()).isCloseTo(packed.ceiling(), within(ORDER_TOLERANCE));
    assertThat(shuffled.ceiled()).isCloseTo(packed.ceiled(), within(ORDER_TOLERANCE));
    assertThat(packed.ceiled()).isCloseTo(packed.raw() * packed.raw() / packed.ceiling(), within(1e-15));
    assertThat(v2.ceiled()).isCloseTo(Math.pow(v2.raw() / v2.ceiling(), 2), within(1e-15));
    assertThat(packed.error()).isEqualTo(packed.details().get("rawError"));
    assertThat(v2.error()).isEqualTo(v2.details().get("rawError"));
    assertThat(packed.formulaId()).isEqualTo("r^2/c");
    assertThat(v2.formulaId()).isEqualTo("(r/c)^2");
    assertThat(packed.details().get("benchmarkVersion")).isEqualTo(3);
    assertThat(v2.details().get("benchmarkVersion")).isEqualTo(2);
  }

  @Test
  void theBenchmarkSplitsInStimulusIdOrderWhateverOrderItIsGiven() {
    RecordingSet set = store.load("lab.bs.compressed").orElseThrow();
    var rec = set.recordings();
    int n = rec.stimuli();
    int[] reversed = new int[n];
    for (int i = 0; i < n; i++) {
      reversed[i] = n - 1 - i;
    }
    java.util.List<String> ids = new java.util.ArrayList<>();
    java.util.List<String> types = new java.util.ArrayList<>();
    int[] inverse = new int[n];
    for (int i = 0; i < n; i++) {
      ids.add(rec.stimulusIds().get(reversed[i]));
      types.add(rec.column("texture_type")[reversed[i]]);
      inverse[reversed[i]] = i;
    }
    int[] presStim = new int[rec.presentationStimulus().length];
    for (int p = 0; p < presStim.length; p++) {
      presStim[p] = inverse[rec.presentationStimulus()[p]];
    }
    var flipped = new io.striate.dataset.NeuralRecordings(rec.id(), rec.region(), rec.timeBin(), ids,
        Map.of("texture_type", types), rec.neuroidIds(), presStim, rec.presentationRepetition(), rec.responses());
    float[][] x = pixelFeatures(set);
    float[][] xFlipped = new float[n][];
    for (int i = 0; i < n; i++) {
      xFlipped[i] = x[reversed[i]].clone();
    }
    NeuralPredictivityBenchmark b = FreemanZiemba2013Benchmarks.publicPls(Optional::empty, CeilingNormalisation.V3);
    BenchmarkScore sorted = b.scoreFeatures(FeatureGram.compute(x), rec, "pixels", x[0].length);
    BenchmarkScore other = b.scoreFeatures(FeatureGram.compute(xFlipped), flipped, "pixels", x[0].length);
    assertThat(other.raw()).isCloseTo(sorted.raw(), within(ORDER_TOLERANCE));
    assertThat(other.ceiled()).isCloseTo(sorted.ceiled(), within(ORDER_TOLERANCE));
  }
}
