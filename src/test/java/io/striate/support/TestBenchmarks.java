package io.striate.support;

import io.striate.benchmark.Availability;
import io.striate.benchmark.Benchmark;
import io.striate.benchmark.BenchmarkInfo;
import io.striate.benchmark.BenchmarkScore;
import io.striate.model.BrainModel;
import io.striate.problem.FailureKind;
import io.striate.model.Progress;
import io.striate.problem.ScoringException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Benchmarks that exist only in test code, to exercise the queue and the workers: they read the model's
 * {@link TestModels.TestBrainModel#versionId()} and behave as told, counting how often each version was run.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestBenchmarks {
  /** Stands in for FreemanZiemba2013public.V1-pls as the layer-selection benchmark of the test context. */
  public static final String LAYER_SWEEP = "test-layer-sweep";

  /** Executions per (benchmark, model version): proves no job runs twice. */
  public static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();

  public static int runs(String benchmark, long versionId) {
    return RUNS.getOrDefault(benchmark + "@" + versionId, new AtomicInteger()).get();
  }

  static Benchmark benchmark(String id, String parent, BiFunction<Long, Integer, BenchmarkScore> behaviour) {
    BenchmarkInfo info = new BenchmarkInfo(id, 1, parent, id, "test code", 1.0, "test code");
    return new Benchmark() {
      @Override
      public BenchmarkInfo info() {
        return info;
      }

      @Override
      public Availability availability() {
        return Availability.yes();
      }

      @Override
      public BenchmarkScore score(BrainModel model, Progress progress) {
        long version = ((TestModels.TestBrainModel) model).versionId();
        int run = RUNS.computeIfAbsent(id + "@" + version, k -> new AtomicInteger()).incrementAndGet();
        progress.report("testing", 0.5);
        return behaviour.apply(version, run);
      }
    };
  }

  static BenchmarkScore score(double ceiled) {
    return new BenchmarkScore(ceiled, 1.0, ceiled, 0.0, "layer", "raw/ceiling", Map.of("note", "test"));
  }

  /** Scores 0.5 at once. */
  @Bean
  Benchmark quickBenchmark() {
    return benchmark("test-quick", null, (v, run) -> score(0.5));
  }

  /** Fails transiently twice, then scores 0.7. */
  @Bean
  Benchmark flakyBenchmark() {
    return benchmark("test-flaky", null, (v, run) -> {
      if (run <= 2) {
        throw new ScoringException(FailureKind.TRANSIENT, "simulated transient failure " + run);
      }
      return score(0.7);
    });
  }

  @Bean
  Benchmark alwaysTransientBenchmark() {
    return benchmark("test-always-transient", null, (v, run) -> {
      throw new ScoringException(FailureKind.TRANSIENT, "simulated outage");
    });
  }

  @Bean
  Benchmark invalidModelBenchmark() {
    return benchmark("test-invalid-model", null, (v, run) -> {
      throw new ScoringException(FailureKind.INVALID_MODEL, "simulated broken model");
    });
  }

  /** A layer sweep over two layers that picks "pixels", taking a moment so that ordering is observable. */
  @Bean
  Benchmark layerSweep() {
    return benchmark(LAYER_SWEEP, null, (v, run) -> {
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new BenchmarkScore(0.5, 1.0, 0.5, 0.01, "pixels", "raw/ceiling", Map.of("sweep", java.util.List.of(
          Map.of("layer", "early", "raw", 0.2, "ceiled", 0.2, "error", 0.01),
          Map.of("layer", "pixels", "raw", 0.5, "ceiled", 0.5, "error", 0.01))));
    });
  }

  /** A leaf of the real score tree (family V1-surround_modulation), for the aggregation tests. */
  @Bean
  Benchmark surroundProbe() {
    return benchmark("test-surround-probe", "V1-surround_modulation", (v, run) -> score(0.6));
  }
}
