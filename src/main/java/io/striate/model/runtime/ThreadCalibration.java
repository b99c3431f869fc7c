package io.striate.model.runtime;

import io.striate.model.ModelSource;
import io.striate.model.spec.ReferenceSpecs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

/**
 * Chooses PyTorch's intra-op thread count on a CPU worker from a short calibration at start: a fixed workload (the
 * {@code vone-v1} reference spec's forward pass, the convolution-bound kind of work V1 models do, on {@value #BATCH}
 * seeded noise images at its 224 px) is run at each candidate count {@code t ∈ {1, 2, 4, …, cores}} (cores
 * included), with as many passes at once as the engine has inference threads (so that oversubscription shows), one
 * warm-up round then best of {@value #ROUNDS}; the count with the most images per second wins, the smallest one
 * within {@link #TIE} of it when several are that fast (fewer threads leave cores to preprocessing, which runs beside
 * the forward pass). Only where nothing fixed the count: {@code striate.runtime.native-threads > 0} or
 * {@code -Dai.djl.pytorch.num_threads} keep theirs.
 *
 * @param trials the measured candidates
 * @param chosen the thread count set
 */
public record ThreadCalibration(List<Trial> trials, int chosen) {
  /** Images per forward pass of the workload. */
  static final int BATCH = 4;
  /** Timed rounds per candidate after its warm-up round; the best counts. */
  static final int ROUNDS = 2;
  /** A candidate within this fraction of the most images per second counts as fastest. */
  static final double TIE = 0.05;
  /** Seed of the workload's noise images. */
  static final long SEED = 11;

  public ThreadCalibration {
    trials = List.copyOf(trials);
  }

  /** One candidate: {@code threads} intra-op threads gave {@code imagesPerSecond}. */
  public record Trial(int threads, double imagesPerSecond) {
  }

  /** Whether the operator left the thread count to Striate: a CPU device and no count fixed anywhere. */
  public static boolean wanted(RuntimeProperties properties, InferenceEngine engine) {
    return properties.nativeThreads() == 0 && System.getProperty("ai.djl.pytorch.num_threads") == null
        && !engine.device().isGpu();
  }

  /** {@code 1, 2, 4, …} below {@code cores}, and {@code cores}. */
  static List<Integer> candidates(int cores) {
    List<Integer> out = new ArrayList<>();
    for (int t = 1; t < cores; t *= 2) {
      out.add(t);
    }
    out.add(Math.max(1, cores));
    return out;
  }

  /** The smallest thread count within {@link #TIE} of the most images per second. */
  static int choose(List<Trial> trials) {
    double best = trials.stream().mapToDouble(Trial::imagesPerSecond).max().orElseThrow();
    return trials.stream().filter(t -> t.imagesPerSecond() >= best * (1 - TIE)).mapToInt(Trial::threads).min()
        .orElseThrow();
  }

  /** Calibrates on {@code runtime}'s engine with the machine's processors as the largest candidate, and sets it. */
  public static ThreadCalibration run(DjlModelRuntime runtime) {
    InferenceEngine engine = runtime.engine();
    String spec = ReferenceSpecs.json("vone-v1").orElseThrow();
    LoadedModel loaded = runtime.loadNetwork(new ModelSource(0, "thread-calibration", ModelSource.Kind.BLOCK_SPEC,
        null, spec, "{}"));
    try (TapNetwork network = loaded.network()) {
      int size = loaded.contract().inputSize();
      float[] pixels = new float[BATCH * 3 * size * size];
      Random random = new Random(SEED);
      for (int i = 0; i < pixels.length; i++) {
        pixels[i] = (float) random.nextGaussian();
      }
      return measure(engine, Runtime.getRuntime().availableProcessors(), () -> {
        network.forward(pixels, BATCH, size, null);
        return BATCH;
      });
    }
  }

  /**
   * Times {@code pass} (returns the images it ran) at each candidate count up to {@code cores} on {@code engine},
   * then leaves the engine at the chosen count.
   */
  static ThreadCalibration measure(InferenceEngine engine, int cores, IntSupplier pass) {
    List<Trial> trials = new ArrayList<>();
    for (int t : candidates(cores)) {
      engine.intraOpThreads(t);
      round(engine, pass);
      double best = 0;
      for (int r = 0; r < ROUNDS; r++) {
        best = Math.max(best, round(engine, pass));
      }
      trials.add(new Trial(t, Math.round(best * 10) / 10.0));
    }
    int chosen = choose(trials);
    engine.intraOpThreads(chosen);
    return new ThreadCalibration(trials, chosen);
  }

  /** One pass per inference thread at once; images per second of the round. */
  private static double round(InferenceEngine engine, IntSupplier pass) {
    long t0 = System.nanoTime();
    List<Future<Integer>> running = new ArrayList<>();
    for (int i = 0; i < engine.threads(); i++) {
      running.add(engine.submit(pass::getAsInt));
    }
    int images = 0;
    for (Future<Integer> f : running) {
      images += InferenceEngine.await(f);
    }
    return images / ((System.nanoTime() - t0) / 1e9);
  }

  /** For the log, e.g. "2 (1: 23.0 img/s, 2: 43.7 img/s)" (measured at a worker start on 2 cores). */
  @Override
  public String toString() {
    return chosen + " (" + trials.stream().map(t -> String.format(Locale.ROOT, "%d: %.1f img/s", t.threads(),
        t.imagesPerSecond())).collect(Collectors.joining(", ")) + ")";
  }
}
