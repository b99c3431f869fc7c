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
        long version = TestModels.versionOf(model);
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

  /**
   * Finishes in well under a millisecond, but like a real model it waits for its forward pass on another thread
   * ({@link io.striate.model.runtime.InferenceEngine#await}), so a stray interrupt fails it as the runtime would.
   */
  @Bean
  Benchmark fastForwardBenchmark() {
    return benchmark(FAST, null, (v, run) -> forward(0));
  }

  /** Takes longer than the test heartbeat period (300 ms), so heartbeats run while it scores. */
  @Bean
  Benchmark slowForwardBenchmark() {
    return benchmark(SLOW, null, (v, run) -> forward(450));
  }

  /** Runs the model on 4 images (see {@link TestModels#FORWARD_MILLIS}); records when its call returned. */
  @Bean
  Benchmark modelForwardBenchmark() {
    BenchmarkInfo info = new BenchmarkInfo(FORWARD, 1, null, FORWARD, "test code", 1.0, "test code");
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
        long version = TestModels.versionOf(model);
        RUNS.computeIfAbsent(FORWARD + "@" + version, k -> new AtomicInteger()).incrementAndGet();
        try {
          model.activationMatrix(FOUR_IMAGES, "pixels", null, progress);
          return TestBenchmarks.score(0.4);
        } finally {
          RETURNED.put(version, System.nanoTime());
        }
      }
    };
  }

  public static final String FORWARD = "test-model-forward";
  /** When the last {@link #FORWARD} call of each version returned (System.nanoTime()). */
  public static final Map<Long, Long> RETURNED = new ConcurrentHashMap<>();
  private static final io.striate.model.StimulusSet FOUR_IMAGES = new io.striate.model.StimulusSet() {
    @Override
    public int size() {
      return 4;
    }

    @Override
    public String id(int index) {
      return "image-" + index;
    }

    @Override
    public io.striate.model.RgbImage image(int index) {
      throw new UnsupportedOperationException("the test model does not look at pixels");
    }
  };

  public static final String FAST = "test-fast-forward";
  public static final String SLOW = "test-slow-forward";
  private static final java.util.concurrent.ExecutorService FORWARDS =
      java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-forward");
        t.setDaemon(true);
        return t;
      });

  private static BenchmarkScore forward(long millis) {
    return io.striate.model.runtime.InferenceEngine.await(FORWARDS.submit(() -> {
      if (millis > 0) {
        Thread.sleep(millis);
      }
      return score(0.5);
    }));
  }
  /** Versions for which {@code test-surround-probe} fails as an invalid model (then retried once removed). */
  public static final java.util.Set<Long> SURROUND_FAILS = ConcurrentHashMap.newKeySet();

  /** A leaf of the real score tree (family V1-surround_modulation), for the aggregation tests. */
  @Bean
  Benchmark surroundProbe() {
    return benchmark("test-surround-probe", "V1-surround_modulation", (v, run) -> {
      if (SURROUND_FAILS.contains(v)) {
        throw new ScoringException(FailureKind.INVALID_MODEL, "simulated failure of the surround probe");
      }
      return score(0.6);
    });
  }

  /** A leaf of the real score tree (family V1-response_magnitude) that always fails: a failed, installed leaf. */
  @Bean
  Benchmark failingProbe() {
    return benchmark("test-failing-probe", "V1-response_magnitude", (v, run) -> {
      throw new ScoringException(FailureKind.INVALID_MODEL, "simulated broken model on the magnitude probe");
    });
  }

  /** Spec names such as {@code test-ci-score80}: the score the version gets on {@code test-named-score}. */
  private static final java.util.regex.Pattern NAMED_SCORE = java.util.regex.Pattern.compile("score(\\d{2})");

  /**
   * Scores what the version's spec name says ({@code …score80} → 0.80, error 0.01; 0.5 without one), so that tests
   * (the Python client's regression gate among them) can make a version better or worse than another.
   */
  @Bean
  Benchmark namedScoreBenchmark() {
    BenchmarkInfo info = new BenchmarkInfo("test-named-score", 1, null, "test-named-score", "test code", 1.0,
        "test code");
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
        String spec = TestModels.unwrap(model).specJson();
        java.util.regex.Matcher m = NAMED_SCORE.matcher(spec == null ? "" : spec);
        double value = m.find() ? Integer.parseInt(m.group(1)) / 100.0 : 0.5;
        progress.report("testing", 0.5);
        return new BenchmarkScore(value, 1.0, value, 0.01, "pixels", "raw/ceiling", Map.of("note", "test"));
      }
    };
  }
}
