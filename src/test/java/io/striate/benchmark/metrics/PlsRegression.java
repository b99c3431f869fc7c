package io.striate.benchmark.metrics;

/**
 * Partial least squares regression, NIPALS with "regression" deflation, centred and not scaled: a step-by-step
 * port of scikit-learn's {@code PLSRegression(n_components, scale=False)} (versions 0.24–1.x), spec §6.4.
 *
 * <p>For {@code X} ({@code n × p}) and {@code Y} ({@code n × q}), centred on the training means, each component
 * k iterates {@code w = Xᵀu/(uᵀu)}, {@code w ← w/(‖w‖+ε)}, {@code t = Xw}, {@code c = Yᵀt/(tᵀt)},
 * {@code u = Yc/(cᵀc+ε)} until {@code ‖w − w_old‖² < 10⁻⁶} (at most 500 times), then deflates
 * {@code X ← X − t pᵀ}, {@code p = Xᵀt/(tᵀt)} and {@code Y ← Y − t qᵀ}, {@code q = Yᵀt/(tᵀt)}. The coefficients are
 * {@code B = W (PᵀW)⁻¹ Qᵀ} and the prediction {@code (X* − x̄) B + ȳ}. Wold, Sjöström &amp; Eriksson 2001,
 * Chemometr. Intell. Lab. 58:109.
 *
 * <p>This is the straightforward implementation in feature space: {@code O(iterations · components · n · p)} per
 * fit. {@link GramPlsRegression} computes the same predictions from Gram matrices and is what the benchmarks use;
 * this class is test code, the independent reference that {@link GramPlsRegression} is checked against
 * ({@code PlsRegressionTest}) and the baseline of {@code PredictivityBench}.
 */
public final class PlsRegression {
  private static final double TOLERANCE = GramPlsRegression.TOLERANCE;
  private static final int MAX_ITERATIONS = GramPlsRegression.MAX_ITERATIONS;
  private static final double EPS = Linear.EPS;

  private final double[] xMean;
  private final double[] yMean;
  private final double[][] coefficients;  // p × q

  private PlsRegression(double[] xMean, double[] yMean, double[][] coefficients) {
    this.xMean = xMean;
    this.yMean = yMean;
    this.coefficients = coefficients;
  }

  /** Fits {@code components} components on {@code x} ({@code n × p}) and {@code y} ({@code n × q}). */
  public static PlsRegression fit(double[][] x, double[][] y, int components) {
    int n = x.length;
    int p = x[0].length;
    int q = y[0].length;
    double[] xm = Linear.columnMeans(x);
    double[] ym = Linear.columnMeans(y);
    double[][] xk = Linear.centred(x, xm);
    double[][] yk = Linear.centred(y, ym);
    double[][] wAll = new double[components][];
    double[][] pAll = new double[components][];
    double[][] qAll = new double[components][];
    int used = 0;
    for (int k = 0; k < components; k++) {
      Linear.zeroConstantColumns(yk);
      double[] u = Linear.firstNonZeroColumn(yk);
      if (u == null) {
        break;  // sklearn: "Y residual is constant", stops adding components
      }
      double[] w = null;
      double[] c = null;
      double[] wOld = null;
      for (int it = 0; it < MAX_ITERATIONS; it++) {
        w = Linear.transposeTimes(xk, u);
        Linear.scale(w, 1.0 / Linear.dot(u, u));
        Linear.scale(w, 1.0 / (Math.sqrt(Linear.dot(w, w)) + EPS));
        double[] t = Linear.times(xk, w);
        c = Linear.transposeTimes(yk, t);
        Linear.scale(c, 1.0 / Linear.dot(t, t));
        u = Linear.times(yk, c);
        Linear.scale(u, 1.0 / (Linear.dot(c, c) + EPS));
        if (q == 1 || (wOld != null && squaredDistance(w, wOld) < TOLERANCE)) {
          break;
        }
        wOld = w;
      }
      int big = 0;
      for (int i = 1; i < p; i++) {
        if (Math.abs(w[i]) > Math.abs(w[big])) {
          big = i;
        }
      }
      if (w[big] < 0) {
        Linear.scale(w, -1);
      }
      double[] t = Linear.times(xk, w);
      double tt = Linear.dot(t, t);
      double[] pk = Linear.transposeTimes(xk, t);
      Linear.scale(pk, 1.0 / tt);
      double[] qk = Linear.transposeTimes(yk, t);
      Linear.scale(qk, 1.0 / tt);
      for (int i = 0; i < n; i++) {
        double ti = t[i];
        double[] xr = xk[i];
        for (int j = 0; j < p; j++) {
          xr[j] -= ti * pk[j];
        }
        double[] yr = yk[i];
        for (int j = 0; j < q; j++) {
          yr[j] -= ti * qk[j];
        }
      }
      wAll[k] = w;
      pAll[k] = pk;
      qAll[k] = qk;
      used++;
    }
    // B = W (PᵀW)⁻¹ Qᵀ
    double[][] ptw = new double[used][used];
    for (int a = 0; a < used; a++) {
      for (int b = 0; b < used; b++) {
        ptw[a][b] = Linear.dot(pAll[a], wAll[b]);
      }
    }
    double[][] qMat = new double[used][];  // used × q (rows q_k)
    System.arraycopy(qAll, 0, qMat, 0, used);
    double[][] inner = Linear.solve(ptw, qMat);  // (PᵀW)⁻¹ Qᵀ : used × q
    double[][] coef = new double[p][q];
    for (int k = 0; k < used; k++) {
      double[] wk = wAll[k];
      double[] ik = inner[k];
      for (int j = 0; j < p; j++) {
        double wj = wk[j];
        double[] cj = coef[j];
        for (int l = 0; l < q; l++) {
          cj[l] += wj * ik[l];
        }
      }
    }
    return new PlsRegression(xm, ym, coef);
  }

  private static double squaredDistance(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      s += d * d;
    }
    return s;
  }

  /** Predicts {@code (x − x̄) B + ȳ} for {@code x} ({@code m × p}). */
  public double[][] predict(double[][] x) {
    int q = yMean.length;
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      double[] row = yMean.clone();
      for (int j = 0; j < xMean.length; j++) {
        double d = x[i][j] - xMean[j];
        double[] cj = coefficients[j];
        for (int l = 0; l < q; l++) {
          row[l] += d * cj[l];
        }
      }
      out[i] = row;
    }
    return out;
  }
}
