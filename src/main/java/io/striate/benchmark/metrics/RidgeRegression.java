package io.striate.benchmark.metrics;

/**
 * Ridge regression with an intercept and a cross-validated penalty, in its dual (Gram) form: with centred training
 * features {@code X}, {@code K = XXᵀ}, the prediction is {@code K* (K + αI)⁻¹ (Y − ȳ) + ȳ}, identical to
 * scikit-learn's {@code Ridge(alpha, fit_intercept=True)}. The penalty is chosen per fit by 5-fold cross-validation
 * inside the training stimuli (folds {@code i mod 5}) over {@code α = a·tr(K)/n}, {@code a ∈ 10^-4 … 10^4}
 * (decades), minimising the summed squared error over neuroids (Hoerl &amp; Kennard 1970, Technometrics 12:55).
 * This is Striate's additional variant; Brain-Score's V1 benchmark uses {@link GramPlsRegression}.
 */
public final class RidgeRegression implements GramRegression {
  /** Relative penalties {@code a} tried by the inner cross-validation. */
  public static final double[] RELATIVE_ALPHAS = {1e-4, 1e-3, 1e-2, 1e-1, 1, 1e1, 1e2, 1e3, 1e4};
  /** Inner folds. */
  public static final int FOLDS = 5;

  private final double[] relativeAlphas;

  public RidgeRegression(double[] relativeAlphas) {
    this.relativeAlphas = relativeAlphas.clone();
  }

  public static RidgeRegression crossValidated() {
    return new RidgeRegression(RELATIVE_ALPHAS);
  }

  @Override
  public String id() {
    return "ridge-cv";
  }

  @Override
  public double[][] fitPredict(double[][] kTrain, double[][] kTest, double[][] y) {
    double scale = 0;
    for (int i = 0; i < kTrain.length; i++) {
      scale += kTrain[i][i];
    }
    scale /= kTrain.length;
    double best = Double.POSITIVE_INFINITY;
    double bestAlpha = relativeAlphas[0] * scale;
    if (relativeAlphas.length > 1) {
      FeatureGram g = FeatureGram.of(kTrain);
      for (double a : relativeAlphas) {
        double alpha = a * scale;
        double sse = 0;
        for (int f = 0; f < FOLDS; f++) {
          int[][] parts = fold(kTrain.length, f);
          double[][] pred = fixed(g.centredTrain(parts[0]), g.centred(parts[1], parts[0]),
              CrossValidatedPredictivity.rows(y, parts[0]), alpha);
          double[][] truth = CrossValidatedPredictivity.rows(y, parts[1]);
          for (int i = 0; i < pred.length; i++) {
            for (int j = 0; j < pred[i].length; j++) {
              double d = pred[i][j] - truth[i][j];
              sse += d * d;
            }
          }
        }
        if (sse < best) {
          best = sse;
          bestAlpha = alpha;
        }
      }
    }
    return fixed(kTrain, kTest, y, bestAlpha);
  }

  /** Ridge prediction for a fixed absolute {@code alpha}. */
  public static double[][] fixed(double[][] kTrain, double[][] kTest, double[][] y, double alpha) {
    int n = kTrain.length;
    double[] ym = Linear.columnMeans(y);
    double[][] yc = Linear.centred(y, ym);
    double[][] k = new double[n][];
    for (int i = 0; i < n; i++) {
      k[i] = kTrain[i].clone();
      k[i][i] += alpha;
    }
    double[][] dual = Linear.solve(k, yc);  // n × q
    double[][] out = new double[kTest.length][];
    for (int i = 0; i < kTest.length; i++) {
      double[] row = ym.clone();
      for (int l = 0; l < n; l++) {
        double kv = kTest[i][l];
        double[] d = dual[l];
        for (int j = 0; j < row.length; j++) {
          row[j] += kv * d[j];
        }
      }
      out[i] = row;
    }
    return out;
  }

  private static int[][] fold(int n, int f) {
    int test = 0;
    for (int i = 0; i < n; i++) {
      if (i % FOLDS == f) {
        test++;
      }
    }
    int[] tr = new int[n - test];
    int[] te = new int[test];
    int a = 0;
    int b = 0;
    for (int i = 0; i < n; i++) {
      if (i % FOLDS == f) {
        te[b++] = i;
      } else {
        tr[a++] = i;
      }
    }
    return new int[][] {tr, te};
  }
}
