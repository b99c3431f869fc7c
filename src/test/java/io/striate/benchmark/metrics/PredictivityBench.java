package io.striate.benchmark.metrics;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Time and peak heap to score one layer of 50,000 units on 450 images against 102 neuroids (10 splits, PLS 25):
 * the Gram-matrix path the benchmarks use ({@link FeatureGram} + {@link GramPlsRegression}) against the
 * straightforward feature-space NIPALS ({@link PlsRegression}, sklearn's algorithm) measured in the same run.
 * The baseline runs {@code -Dbench.baselineSplits} splits (default 1) and is extrapolated linearly to 10.
 * Run: {@code mvn -o -q test -Dtest=PredictivityBench -Dsurefire.excludedGroups=gpu}.
 */
@Tag("bench")
class PredictivityBench {
  private static final int STIMULI = 450;
  private static final int UNITS = 50_000;
  private static final int NEUROIDS = 102;

  @Test
  void oneLayerOf50000UnitsOn450Images() {
    Random rng = new Random(11);
    int latent = 40;
    double[][] z = new double[STIMULI][latent];
    for (double[] r : z) {
      for (int k = 0; k < latent; k++) {
        r[k] = rng.nextGaussian();
      }
    }
    float[][] x = new float[STIMULI][UNITS];
    for (int k = 0; k < latent; k++) {
      float[] a = new float[UNITS];
      for (int u = 0; u < UNITS; u++) {
        a[u] = (float) rng.nextGaussian();
      }
      for (int s = 0; s < STIMULI; s++) {
        float zs = (float) z[s][k];
        for (int u = 0; u < UNITS; u++) {
          x[s][u] += zs * a[u];
        }
      }
    }
    for (float[] r : x) {
      for (int u = 0; u < UNITS; u++) {
        r[u] = Math.max(0, r[u] + (float) rng.nextGaussian());  // ReLU-like activations
      }
    }
    double[][] y = new double[STIMULI][NEUROIDS];
    for (int s = 0; s < STIMULI; s++) {
      for (int j = 0; j < NEUROIDS; j++) {
        y[s][j] = z[s][j % latent] + rng.nextGaussian();
      }
    }
    String[] strata = new String[STIMULI];
    for (int s = 0; s < STIMULI; s++) {
      strata[s] = s % 2 == 0 ? "texture" : "noise";
    }
    int baselineSplits = Integer.getInteger("bench.baselineSplits", 1);
    List<StratifiedShuffleSplit.Split> splits = StratifiedShuffleSplit.splits(strata, 10, 0.9, 1);

    // straightforward: feature-space NIPALS in double precision, per split
    System.gc();
    resetPeaks();
    long t0 = System.nanoTime();
    double[] baselineMedians = new double[baselineSplits];
    for (int s = 0; s < baselineSplits; s++) {
      StratifiedShuffleSplit.Split sp = splits.get(s);
      double[][] xTrain = toDouble(x, sp.train());
      double[][] xTest = toDouble(x, sp.test());
      double[][] pred = PlsRegression.fit(xTrain, CrossValidatedPredictivity.rows(y, sp.train()), 25).predict(xTest);
      baselineMedians[s] = PearsonCorrelation.nanMedian(
          PearsonCorrelation.perColumn(pred, CrossValidatedPredictivity.rows(y, sp.test())));
    }
    double baselineSeconds = (System.nanoTime() - t0) / 1e9;
    long baselinePeak = peakHeap();

    // tuned: one Gram matrix, then ten splits in stimulus space
    float[][] copy = new float[STIMULI][];
    for (int s = 0; s < STIMULI; s++) {
      copy[s] = x[s].clone();
    }
    System.gc();
    resetPeaks();
    long t1 = System.nanoTime();
    FeatureGram g = FeatureGram.compute(copy);
    double gramSeconds = (System.nanoTime() - t1) / 1e9;
    CrossValidatedPredictivity.Result r = CrossValidatedPredictivity.score(g, y, strata, GramPlsRegression.brainScore(),
        10, 0.9, 1);
    double tunedSeconds = (System.nanoTime() - t1) / 1e9;
    long tunedPeak = peakHeap();

    // DJL/PyTorch CPU sgemm for the Gram matrix, same splits
    float[][] copy2 = new float[STIMULI][];
    for (int s = 0; s < STIMULI; s++) {
      copy2[s] = x[s].clone();
    }
    DjlFeatureGram.compute(new float[][] {{1f, 2f}, {3f, 4f}});  // engine start-up outside the timing
    System.gc();
    resetPeaks();
    long t2 = System.nanoTime();
    FeatureGram gd = DjlFeatureGram.compute(copy2);
    double djlGramSeconds = (System.nanoTime() - t2) / 1e9;
    CrossValidatedPredictivity.Result rd = CrossValidatedPredictivity.score(gd, y, strata,
        GramPlsRegression.brainScore(), 10, 0.9, 1);
    double djlSeconds = (System.nanoTime() - t2) / 1e9;
    long djlPeak = peakHeap();

    double baselineTen = baselineSeconds / baselineSplits * 10;
    System.out.printf("PredictivityBench: %d images x %d units -> %d neuroids, PLS 25, 10 splits, %d cores%n",
        STIMULI, UNITS, NEUROIDS, Runtime.getRuntime().availableProcessors());
    System.out.printf("  baseline feature-space NIPALS: %.1f s for %d split(s) -> %.1f s for 10 (extrapolated), "
        + "peak heap %.0f MiB (input float matrix %.0f MiB included)%n", baselineSeconds, baselineSplits, baselineTen,
        baselinePeak / 1048576.0, STIMULI * (double) UNITS * 4 / 1048576.0);
    System.out.printf("  Gram path: %.2f s total (Gram %.2f s, 10 splits %.2f s), peak heap %.0f MiB%n",
        tunedSeconds, gramSeconds, tunedSeconds - gramSeconds, tunedPeak / 1048576.0);
    System.out.printf("  DJL Gram path: %.2f s total (Gram %.2f s), peak heap %.0f MiB (native not counted); "
        + "raw r %.6f vs plain-Java Gram %.6f%n", djlSeconds, djlGramSeconds, djlPeak / 1048576.0, rd.raw(), r.raw());
    System.out.printf("  speed-up DJL vs baseline %.1fx, DJL Gram vs Java Gram %.1fx%n", baselineTen / djlSeconds,
        gramSeconds / djlGramSeconds);
    System.out.printf("  speed-up %.1fx; split-0 median r baseline %.6f vs Gram %.6f; raw r %.4f%n",
        baselineTen / tunedSeconds, baselineMedians[0], r.splitMedians()[0], r.raw());
  }

  private static double[][] toDouble(float[][] x, int[] rows) {
    double[][] out = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      float[] src = x[rows[i]];
      double[] d = new double[src.length];
      for (int j = 0; j < d.length; j++) {
        d[j] = src[j];
      }
      out[i] = d;
    }
    return out;
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
