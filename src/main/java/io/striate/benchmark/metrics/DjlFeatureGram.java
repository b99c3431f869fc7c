package io.striate.benchmark.metrics;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * {@link FeatureGram} computed with one PyTorch matrix product on the CPU engine (DJL {@code NDArray.matMul},
 * float32 sgemm): the activations are centred on the mean over stimuli in Java (as in {@link FeatureGram#compute}),
 * copied chunk by chunk ({@link #CHUNK_UNITS} units) into native arrays, each multiplied by its transpose and the
 * products summed in double. The result is symmetrised
 * and widened to double; float32 accumulation over 50,000 units changes Gram entries by ~1e-6 relative, far below
 * what moves a median Pearson r.
 */
public final class DjlFeatureGram {
  /** Units per native product: bounds the extra memory to {@code stimuli × 65536} floats per chunk. */
  static final int CHUNK_UNITS = 65_536;

  private DjlFeatureGram() {
  }

  /** As {@link FeatureGram#compute}; {@code x} is centred in place. */
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
    double[] g = new double[n * n];
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      for (int c0 = 0; c0 < p; c0 += CHUNK_UNITS) {
        int b = Math.min(CHUNK_UNITS, p - c0);
        float[] flat = new float[n * b];
        for (int i = 0; i < n; i++) {
          System.arraycopy(x[i], c0, flat, i * b, b);
        }
        try (NDManager chunk = m.newSubManager()) {
          NDArray a = chunk.create(flat, new Shape(n, b));
          float[] part = a.matMul(a.transpose()).toFloatArray();
          for (int k = 0; k < part.length; k++) {
            g[k] += part[k];
          }
        }
      }
    }
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        double v = 0.5 * (g[i * n + j] + g[j * n + i]);
        out[i][j] = v;
        out[j][i] = v;
      }
    }
    return FeatureGram.of(out);
  }
}
