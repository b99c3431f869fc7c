package io.striate.benchmark.marques2020;

/**
 * Texture-response statistics of Brain-Score (spec §4.7; Freeman, Ziemba et al. 2013): sparseness, texture
 * modulation index and the family/sample variance ratio.
 */
public final class TextureStatistics {
  private TextureStatistics() {
  }

  /** Sparseness {@code (1 − (mean r)² / mean(r²)) / (1 − 1/N)}. */
  public static double sparseness(double[] r) {
    int n = r.length;
    double sum = 0;
    double sumSq = 0;
    for (double v : r) {
      sum += v;
      sumSq += v * v;
    }
    double mean = sum / n;
    return (1 - (mean * mean) / (sumSq / n)) / (1 - 1.0 / n);
  }

  /**
   * Texture modulation index: NaN-ignoring mean over families of {@code (T − N)/(T + N)}.
   *
   * @param noise   family-mean responses to noise
   * @param texture family-mean responses to texture
   */
  public static double textureModulationIndex(double[] noise, double[] texture) {
    double sum = 0;
    int count = 0;
    for (int f = 0; f < noise.length; f++) {
      double tmi = (texture[f] - noise[f]) / (texture[f] + noise[f]);
      if (!Double.isNaN(tmi)) {
        sum += tmi;
        count++;
      }
    }
    return count == 0 ? Double.NaN : sum / count;
  }

  /**
   * Variance ratio of a {@code families × samples} matrix: {@code (σ²_family/total + 0.02) / (σ²_sample/total +
   * 0.02)} with {@code σ²_sample = MS_sample}, {@code σ²_family = (MS_family − MS_sample)/b}.
   */
  public static double varianceRatio(double[][] y) {
    int a = y.length;
    int b = y[0].length;
    double[] familyMean = new double[a];
    double all = 0;
    for (int f = 0; f < a; f++) {
      double s = 0;
      for (int j = 0; j < b; j++) {
        s += y[f][j];
      }
      familyMean[f] = s / b;
      all += familyMean[f];
    }
    all /= a;
    double ssSample = 0;
    double ssFamily = 0;
    for (int f = 0; f < a; f++) {
      for (int j = 0; j < b; j++) {
        double d = y[f][j] - familyMean[f];
        ssSample += d * d;
      }
      double d = familyMean[f] - all;
      ssFamily += d * d;
    }
    double msSample = ssSample / (a * (b - 1));
    double msFamily = b * ssFamily / (a - 1);
    double sampleVariance = msSample;
    double familyVariance = (msFamily - msSample) / b;
    double total = sampleVariance + familyVariance;
    return (familyVariance / total + 0.02) / (sampleVariance / total + 0.02);
  }
}
