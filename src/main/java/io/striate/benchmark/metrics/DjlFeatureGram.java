package io.striate.benchmark.metrics;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * {@link FeatureGram} computed with one PyTorch matrix product on the CPU engine (DJL {@code NDArray.matMul},
 * float32 sgemm): the activations are centred on the mean over stimuli in Java (as in {@link FeatureGram#compute}),
 * copied into one native {@code stimuli × units} array and multiplied by their transpose. The result is symmetrised
 * and widened to double; float32 accumulation over 50,000 units changes Gram entries by ~1e-6 relative, far below
 * what moves a median Pearson r.
 */
public final class DjlFeatureGram {
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
    float[] flat = new float[n * p];
    for (int i = 0; i < n; i++) {
      float[] r = x[i];
      for (int j = 0; j < p; j++) {
        r[j] = (float) (r[j] - mean[j] / n);
      }
      System.arraycopy(r, 0, flat, i * p, p);
    }
    float[] g;
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      NDArray a = m.create(flat, new Shape(n, p));
      g = a.matMul(a.transpose()).toFloatArray();
    }
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        double v = 0.5 * ((double) g[i * n + j] + g[j * n + i]);
        out[i][j] = v;
        out[j][i] = v;
      }
    }
    return FeatureGram.of(out);
  }
}
