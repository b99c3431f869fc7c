package io.striate.benchmark.marques2020;

import static org.assertj.core.api.Assertions.assertThat;

import io.striate.benchmark.BenchmarkScore;
import io.striate.benchmark.marques2020.data.MarquesDataStore;
import io.striate.model.BrainModel;
import io.striate.model.LayerShape;
import io.striate.model.ModelContract;
import io.striate.model.ModelSource;
import io.striate.model.Progress;
import io.striate.model.StimulusSet;
import io.striate.model.ActivationSink;
import io.striate.model.cache.ActivationStore;
import io.striate.model.runtime.DjlBrainModel;
import io.striate.model.runtime.DjlModelRuntime;
import io.striate.model.runtime.RuntimeProperties;
import io.striate.model.runtime.TestEngine;
import io.striate.model.spec.ReferenceSpecs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The three speed paths of the available Marques2020 property suite on real models, in one process, each printed
 * against the first:
 * <ol>
 *   <li><b>cold</b>: every forward pass over the whole input ({@link FullPass}: RF cropping off) through an empty
 *   activation store, which the run fills, as a version's first scoring does;</li>
 *   <li><b>warm</b>: a fresh store wrapper and physiology session over that store (a retry, a re-run, a new
 *   benchmark version);</li>
 *   <li><b>cropped</b>: no store, forward passes of the selected units over their input window only
 *   ({@link io.striate.model.runtime.CropPlan}; block specs of translation-equivariant layers, TorchScript runs
 *   the full pass).</li>
 * </ol>
 * Warm scores must equal the cold ones exactly; the cropped ones are printed with their largest difference from the
 * cold ones (the selected units' responses agree to {@code CroppedForwardTest.CROP_TOLERANCE}). Models: the reference
 * specs {@code vone-v1} and {@code center-surround}, and a TorchScript ResNet-18 when
 * {@code -Dstriate.bench.resnet18=<file.pt>} exists (make one with {@code python3 tools/export_torchscript.py --model
 * torchvision.models:resnet18 --taps layer1 layer2 --v1-layer layer1 --input-size 224 --seed 0 --out r18.pt}).
 * Run: {@code mvn -o test -Dtest=SuiteSpeedBench -Dsurefire.excludedGroups=gpu
 * [-Dstriate.bench.benchmarks=Marques2020_DeValois1982-pref_or,...] [-Dstriate.bench.models=vone-v1,...]}.
 */
@Tag("bench")
class SuiteSpeedBench {
  private static final long BOUND = 64L << 30;

  @Test
  void coldWarmCropped() throws Exception {
    DjlModelRuntime runtime = DjlModelRuntime.create(TestEngine.get(), RuntimeProperties.defaults());
    List<String> models = List.of(System.getProperty("striate.bench.models", "vone-v1,center-surround,resnet18")
        .split(","));
    List<String> summary = new ArrayList<>();
    for (String name : models) {
      Supplier<DjlBrainModel> load;
      if (name.equals("resnet18")) {
        Path pt = Path.of(System.getProperty("striate.bench.resnet18", "target/bench/resnet18-random.pt"));
        if (!Files.exists(pt)) {
          System.out.printf("%n== resnet18: skipped, %s does not exist ==%n", pt);
          continue;
        }
        load = () -> runtime.load(new ModelSource(0, "resnet18", ModelSource.Kind.TORCHSCRIPT, pt, null, "{}"));
      } else {
        String spec = ReferenceSpecs.json(name).orElseThrow();
        load = () -> runtime.load(new ModelSource(0, name, ModelSource.Kind.BLOCK_SPEC, null, spec, "{}"));
      }
      summary.add(compare(name, load));
    }
    System.out.printf("%n== summary (seconds for the suite; ratio = cold / path) ==%n");
    summary.forEach(System.out::println);
  }

  private static String compare(String name, Supplier<DjlBrainModel> load) throws Exception {
    Path dir = Files.createTempDirectory("suite-speed-bench");
    ActivationStore store = ActivationStore.at(dir, BOUND);
    Supplier<List<PropertyBenchmark>> suites = SuiteSpeedBench::suite;
    List<PropertyBenchmark> suite = suites.get();
    System.out.printf("%n== %s: %d benchmarks %s ==%n", name, suite.size(),
        suite.stream().map(b -> b.info().id()).toList());
    try (DjlBrainModel model = load.get()) {
      Run cold = run("cold", suites.get(), store.wrap(new FullPass(model), name));
      long disk = store.diskBytes();
      String entries = entries(dir);
      Run warm = run("warm", suites.get(), store.wrap(new FullPass(model), name));
      Run cropped = run("cropped", suites.get(), model);
      double maxDiff = 0;
      for (int i = 0; i < suite.size(); i++) {
        String id = suite.get(i).info().id();
        assertThat(warm.scores.get(i).raw()).as(id).isEqualTo(cold.scores.get(i).raw());
        assertThat(warm.scores.get(i).ceiled()).as(id).isEqualTo(cold.scores.get(i).ceiled());
        maxDiff = Math.max(maxDiff, Math.abs(cropped.scores.get(i).raw() - cold.scores.get(i).raw()));
      }
      assertThat(warm.forward).isEqualTo("cached");
      String line = String.format("%-16s cold %7.1f s | warm %6.2f s = %7.1fx | cropped %7.1f s = %5.2fx | "
          + "store %.2f MB (%s) | cropped vs cold: largest raw-score difference %.2e", name, cold.seconds,
          warm.seconds, cold.seconds / warm.seconds, cropped.seconds, cold.seconds / cropped.seconds, disk / 1e6,
          entries, maxDiff);
      System.out.println(line);
      return line;
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * The available suite (or {@code -Dstriate.bench.benchmarks}) on a fresh physiology session, so that every path
   * generates its own stimuli (or, warm, finds them by their durable digests) as a new job does.
   */
  private static List<PropertyBenchmark> suite() {
    try {
      MarquesBenchmarkFactory factory = new MarquesBenchmarkFactory(MarquesReferenceData.load(),
          new MarquesDataStore(Files.createTempDirectory("marques-bench")), new MarquesPhysiology(
              PhysiologySettings.DEFAULTS));
      String only = System.getProperty("striate.bench.benchmarks", "");
      return factory.all().stream().filter(b -> b.availability().available())
          .filter(b -> only.isEmpty() || Arrays.asList(only.split(",")).contains(b.info().id())).toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The store's files by kind: count and MB. */
  private static String entries(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      Map<String, long[]> bySuffix = new TreeMap<>();
      for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String n = p.getFileName().toString();
        long[] c = bySuffix.computeIfAbsent(n.substring(n.lastIndexOf('.') + 1), k -> new long[2]);
        c[0]++;
        c[1] += Files.size(p);
      }
      StringBuilder out = new StringBuilder();
      bySuffix.forEach((k, v) -> out.append(String.format("%d .%s %.2f MB, ", v[0], k, v[1] / 1e6)));
      return out.length() == 0 ? "empty" : out.substring(0, out.length() - 2);
    }
  }

  private record Run(double seconds, String forward, List<BenchmarkScore> scores) {
  }

  private static Run run(String path, List<PropertyBenchmark> suite, BrainModel model) {
    List<BenchmarkScore> scores = new ArrayList<>();
    long t0 = System.nanoTime();
    String forward = null;
    for (PropertyBenchmark b : suite) {
      BenchmarkScore s = b.score(model, Progress.NONE);
      scores.add(s);
      forward = (String) s.details().get("forward");
      System.out.printf("  %-7s %-46s raw %.6f in-RF %s forward %s timings %s%n", path, b.info().id(), s.raw(),
          s.details().get("units_in_rf"), forward, s.details().get("timings_ms"));
    }
    return new Run((System.nanoTime() - t0) / 1e9, forward, scores);
  }

  /**
   * The model with RF cropping switched off: every {@code activations} call is the full forward pass
   * ({@link DjlBrainModel#extract}) with the selection applied to its output, the path a TorchScript model takes.
   */
  private record FullPass(DjlBrainModel model) implements BrainModel {
    @Override
    public ModelContract contract() {
      return model.contract();
    }

    @Override
    public LayerShape layerShape(String layer) {
      return model.layerShape(layer);
    }

    @Override
    public void activations(StimulusSet stimuli, String layer, int[] units, ActivationSink sink, Progress progress) {
      model.extract(stimuli, List.of(layer), units == null ? Map.of() : Map.of(layer, units),
          (tap, first, rows) -> sink.accept(first, rows), progress);
    }

    @Override
    public void close() {
      // the caller closes the model
    }
  }
}
