package io.striate.benchmark.marques2020;

import static org.assertj.core.api.Assertions.assertThat;

import io.striate.benchmark.BenchmarkScore;
import io.striate.benchmark.marques2020.data.MarquesDataStore;
import io.striate.model.BrainModel;
import io.striate.model.ModelSource;
import io.striate.model.Progress;
import io.striate.model.cache.ActivationStore;
import io.striate.model.runtime.DjlModelRuntime;
import io.striate.model.runtime.RuntimeProperties;
import io.striate.model.runtime.TestEngine;
import io.striate.model.spec.ReferenceSpecs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The available Marques2020 property suite on real models, first cold (empty activation store: every forward pass
 * computed and written), then warm (a fresh model wrapper and physiology session over the same store, as a re-run,
 * a retry or a new benchmark version sees it), printed against the cold run of the same process with the store's
 * disk use; the warm scores must equal the cold ones. Models: the reference specs {@code vone-v1} and
 * {@code center-surround}, and a TorchScript ResNet-18 when {@code -Dstriate.bench.resnet18=<file.pt>} exists
 * (generate one with {@code tools/export_torchscript.py}, see tools/leaderboard_snapshot.sh).
 * Run: {@code mvn -o test -Dtest=ActivationStoreBench -Dsurefire.excludedGroups=gpu
 * [-Dstriate.bench.benchmarks=Marques2020_DeValois1982-pref_or,...] [-Dstriate.bench.models=vone-v1,...]
 * [-Dstriate.bench.store=<dir>]}. With {@code striate.bench.store} the store lives in that directory and is kept,
 * so a second invocation measures a warm re-run in a fresh process (stimulus digests not yet known; its "cold" line
 * is then that warm run).
 */
@Tag("bench")
class ActivationStoreBench {
  private static final long BOUND = 64L << 30;

  @Test
  void coldThenWarm() throws Exception {
    DjlModelRuntime runtime = DjlModelRuntime.create(TestEngine.get(), RuntimeProperties.defaults());
    List<String> models = List.of(System.getProperty("striate.bench.models", "vone-v1,center-surround,resnet18")
        .split(","));
    for (String name : models) {
      Supplier<BrainModel> load;
      if (name.equals("resnet18")) {
        Path pt = Path.of(System.getProperty("striate.bench.resnet18", "/tmp/h08r/resnet18-random.pt"));
        if (!Files.exists(pt)) {
          System.out.printf("%n== resnet18: skipped, %s does not exist ==%n", pt);
          continue;
        }
        load = () -> runtime.load(new ModelSource(0, "resnet18", ModelSource.Kind.TORCHSCRIPT, pt, null, "{}"));
      } else {
        String spec = ReferenceSpecs.json(name).orElseThrow();
        load = () -> runtime.load(new ModelSource(0, name, ModelSource.Kind.BLOCK_SPEC, null, spec, "{}"));
      }
      compare(name, load);
    }
  }

  private static void compare(String name, Supplier<BrainModel> load) throws Exception {
    String kept = System.getProperty("striate.bench.store", "");
    Path dir = kept.isEmpty() ? Files.createTempDirectory("activation-store-bench")
        : Files.createDirectories(Path.of(kept).resolve(name));
    ActivationStore store = ActivationStore.at(dir, BOUND);
    MarquesBenchmarkFactory factory = new MarquesBenchmarkFactory(MarquesReferenceData.load(),
        new MarquesDataStore(Files.createTempDirectory("marques-bench")), new MarquesPhysiology(
            PhysiologySettings.DEFAULTS));
    String only = System.getProperty("striate.bench.benchmarks", "");
    List<PropertyBenchmark> suite = factory.all().stream().filter(b -> b.availability().available())
        .filter(b -> only.isEmpty() || Arrays.asList(only.split(",")).contains(b.info().id())).toList();
    System.out.printf("%n== %s: %d benchmarks %s ==%n", name, suite.size(),
        suite.stream().map(b -> b.info().id()).toList());
    try (BrainModel model = load.get()) {
      Run cold = run(suite, store.wrap(model, name));
      long disk = store.diskBytes();
      Run warm = run(suite, store.wrap(model, name));
      System.out.printf("%s cold %.1f s (forward %s)%n", name, cold.seconds, cold.forward);
      System.out.printf("%s warm %.2f s (forward %s): %.1fx faster than cold; store %.1f MB on disk%n", name,
          warm.seconds, warm.forward, cold.seconds / warm.seconds, disk / 1e6);
      System.out.printf("%s store: %s%n", name, entries(dir));
      assertThat(warm.forward).isEqualTo("cached");
      for (int i = 0; i < suite.size(); i++) {
        assertThat(warm.scores.get(i).raw()).as(suite.get(i).info().id()).isEqualTo(cold.scores.get(i).raw());
        assertThat(warm.scores.get(i).ceiled()).isEqualTo(cold.scores.get(i).ceiled());
      }
    } finally {
      if (kept.isEmpty()) {
        try (var files = Files.walk(dir)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  /** The store's files by kind: count and MB. */
  private static String entries(Path dir) throws java.io.IOException {
    try (var files = Files.walk(dir)) {
      java.util.Map<String, long[]> bySuffix = new java.util.TreeMap<>();
      for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String n = p.getFileName().toString();
        long[] c = bySuffix.computeIfAbsent(n.substring(n.lastIndexOf('.') + 1), k -> new long[2]);
        c[0]++;
        c[1] += Files.size(p);
      }
      StringBuilder out = new StringBuilder();
      bySuffix.forEach((k, v) -> out.append(String.format("%d .%s (%.2f MB) ", v[0], k, v[1] / 1e6)));
      return out.toString().trim();
    }
  }

  private record Run(double seconds, String forward, List<BenchmarkScore> scores) {
  }

  private static Run run(List<PropertyBenchmark> suite, BrainModel model) {
    List<BenchmarkScore> scores = new ArrayList<>();
    long t0 = System.nanoTime();
    String forward = null;
    for (PropertyBenchmark b : suite) {
      BenchmarkScore s = b.score(model, Progress.NONE);
      scores.add(s);
      forward = (String) s.details().get("forward");
      System.out.printf("  %-50s raw %.4f ceiled %.4f in-RF %s forward %s timings %s%n", b.info().id(), s.raw(),
          s.ceiled(), s.details().get("units_in_rf"), forward, s.details().get("timings_ms"));
    }
    return new Run((System.nanoTime() - t0) / 1e9, forward, scores);
  }
}
