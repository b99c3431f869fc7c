package io.striate.benchmark.metrics;

import java.util.stream.IntStream;

/**
 * The Gram matrix {@code G = X̃X̃ᵀ} of a stimuli × units activation matrix {@code X}, with {@code X̃} centred on the
 * mean over all stimuli (to keep the later per-split centring well conditioned), and its per-split centring:
 * for training rows {@code T} with mean {@code m}, {@code (x_i − m)·(x_j − m) = G_ij − r_i − r_j + c},
 * {@code r_i = mean_{l∈T} G_il}, {@code c = mean_{l,l'∈T} G_ll'}. This is all {@link GramRegression} needs, so one
 * pass over the units ({@code O(n²p)}) serves all ten cross-validation splits.
 *
 * <p>The product is computed in plain Java: row tiles of 4 against one row, units in cache-sized chunks, double
 * accumulators, rows in parallel on the common fork-join pool.
 */
public final class FeatureGram {
  private static final int CHUNK = 4096;
  private final double[][] gram;

  private FeatureGram(double[][] gram) {
    this.gram = gram;
  }

  /** Wraps an already computed (uncentred or globally centred) Gram matrix. */
  public static FeatureGram of(double[][] gram) {
    return new FeatureGram(gram);
  }

  /** Number of stimuli. */
  public int size() {
    return gram.length;
  }

  /** The {@code n × n} matrix (not a copy). */
  public double[][] matrix() {
    return gram;
  }

  /**
   * Computes the Gram matrix of {@code x} ({@code stimuli × units}); {@code x} is centred in place on the mean over
   * stimuli (pass a copy if the caller still needs the raw values).
   */
  public static FeatureGram compute(float[][] x) {
    int n = x.length;
    int p = x[0].length;
    double[] mean = new double[p];
    for (float[] r : x) {
      for (int j = 0; j < p; j++) {
        mean[j] += r[j];
      }
    }
    for (float[] r : x) {
      for (int j = 0; j < p; j++) {
        r[j] = (float) (r[j] - mean[j] / n);
      }
    }
    double[][] g = new double[n][n];
    int tiles = (n + 3) / 4;
    IntStream.range(0, tiles).parallel().forEach(tile -> {
      int i0 = tile * 4;
      for (int j = i0; j < n; j++) {
        double[] acc = dotTile(x, i0, j, p);
        for (int d = 0; d < 4 && i0 + d < n; d++) {
          if (i0 + d <= j) {
            g[i0 + d][j] = acc[d];
          }
        }
      }
    });
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        g[i][j] = g[j][i];
      }
    }
    return new FeatureGram(g);
  }

  private static double[] dotTile(float[][] x, int i0, int j, int p) {
    int n = x.length;
    float[] b = x[j];
    float[] a0 = x[i0];
    float[] a1 = x[Math.min(i0 + 1, n - 1)];
    float[] a2 = x[Math.min(i0 + 2, n - 1)];
    float[] a3 = x[Math.min(i0 + 3, n - 1)];
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    for (int c = 0; c < p; c += CHUNK) {
      int e = Math.min(p, c + CHUNK);
      float f0 = 0;
      float f1 = 0;
      float f2 = 0;
      float f3 = 0;
      for (int k = c; k < e; k++) {
        float bk = b[k];
        f0 += a0[k] * bk;
        f1 += a1[k] * bk;
        f2 += a2[k] * bk;
        f3 += a3[k] * bk;
      }
      s0 += f0;
      s1 += f1;
      s2 += f2;
      s3 += f3;
    }
    return new double[] {s0, s1, s2, s3};
  }

  /** The training Gram matrix centred on the training mean. */
  public double[][] centredTrain(int[] train) {
    return centred(train, train);
  }

  /** The cross Gram matrix {@code (x_i − m)·(x_j − m)}, {@code i ∈ rows}, {@code j ∈ train}, m the training mean. */
  public double[][] centred(int[] rows, int[] train) {
    double[] rTrain = rowMeans(train, train);
    double c = PearsonCorrelation.mean(rTrain);
    double[] rRows = rowMeans(rows, train);
    double[][] out = new double[rows.length][train.length];
    for (int a = 0; a < rows.length; a++) {
      double[] gr = gram[rows[a]];
      for (int b = 0; b < train.length; b++) {
        out[a][b] = gr[train[b]] - rRows[a] - rTrain[b] + c;
      }
    }
    return out;
  }

  private double[] rowMeans(int[] rows, int[] train) {
    double[] r = new double[rows.length];
    for (int a = 0; a < rows.length; a++) {
      double s = 0;
      double[] gr = gram[rows[a]];
      for (int l : train) {
        s += gr[l];
      }
      r[a] = s / train.length;
    }
    return r;
  }
}
