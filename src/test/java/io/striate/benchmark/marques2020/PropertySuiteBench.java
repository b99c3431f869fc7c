package io.striate.benchmark.marques2020;

import io.striate.benchmark.BenchmarkScore;
import io.striate.benchmark.marques2020.data.MarquesDataStore;
import io.striate.model.BrainModel;
import io.striate.model.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Times the whole available property suite (the 7 benchmarks with embedded data; RF mapping, blank, orientation,
 * SF and size sets = 9 097 images) on test-code models, split into stimulus generation, model forward, physiology
 * and metric, and prints every score. The lead reruns it with the real vone-v1 model.
 * Run: {@code mvn -o -q test -Dtest=PropertySuiteBench -Dsurefire.excludedGroups=gpu}.
 */
@Tag("bench")
class PropertySuiteBench {
  @Test
  void propertySuite() throws Exception {
    run("gabor (test model)", new TestModels.Gabor());
    run("pixels (test model)", new TestModels.Pixels());
  }

  static void run(String name, BrainModel model) throws Exception {
    Path dir = Files.createTempDirectory("marques-bench");
    MarquesBenchmarkFactory factory = new MarquesBenchmarkFactory(MarquesReferenceData.load(),
        new MarquesDataStore(dir), new MarquesPhysiology(PhysiologySettings.DEFAULTS));
    List<PropertyBenchmark> available = factory.all().stream().filter(b -> b.availability().available()).toList();
    Runtime rt = Runtime.getRuntime();
    long t0 = System.nanoTime();
    Map<String, Double> timings = null;
    System.out.printf("%n== %s ==%n", name);
    for (PropertyBenchmark b : available) {
      BenchmarkScore s = b.score(model, Progress.NONE);
      @SuppressWarnings("unchecked")
      Map<String, Double> t = (Map<String, Double>) s.details().get("timings_ms");
      timings = t;
      System.out.printf("%-55s raw %.3f ceiling %.3f ceiled %.3f  in-RF %d  passing %d%n", b.info().id(), s.raw(),
          s.ceiling(), s.ceiled(), s.details().get("units_in_rf"), s.details().get("units_passing_threshold"));
    }
    double wall = (System.nanoTime() - t0) / 1e6;
    double stages = timings.values().stream().mapToDouble(Double::doubleValue).sum();
    System.out.printf("wall %.0f ms; stages %s; sum %.0f ms; non-model share %.1f%%; heap used %d MB%n", wall,
        timings, stages, 100 * (stages - timings.get("forward")) / stages,
        (rt.totalMemory() - rt.freeMemory()) >> 20);
    model.close();
  }
}
