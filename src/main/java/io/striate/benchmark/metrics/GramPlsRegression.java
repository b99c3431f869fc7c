package io.striate.benchmark.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Partial least squares regression (scikit-learn's NIPALS; its straightforward feature-space port,
 * {@code PlsRegression}, lives beside the tests as the reference this is checked against) computed from Gram
 * matrices ("kernel PLS" with a linear kernel, Lindgren, Geladi &amp; Wold 1993, J. Chemometrics 7:45; Rännar et al.
 * 1994). Same predictions as scikit-learn's
 * {@code PLSRegression(n_components, scale=False)} up to rounding, because every NIPALS quantity lives in the row
 * space of the centred training features {@code X} ({@code n × p}): with {@code K = XXᵀ},
 * <ul>
 *   <li>{@code w = s·Xₖᵀu} with {@code s = 1/((uᵀu)(‖Xₖᵀu/(uᵀu)‖+ε))}, {@code ‖Xₖᵀu‖² = uᵀKₖu}, so
 *       {@code t = Xₖw = s·Kₖu} and {@code ‖w − w_old‖² = s²uᵀKₖu + s_old²u_oldᵀKₖu_old − 2 s s_old uᵀKₖu_old};</li>
 *   <li>deflation {@code Xₖ₊₁ = (I − ttᵀ/tᵀt)Xₖ} becomes {@code Kₖ₊₁ = D Kₖ D} with {@code D = I − ttᵀ/tᵀt};</li>
 *   <li>{@code W = XᵀA}, {@code P = XᵀB} with {@code aₖ = s·Mₖu}, {@code bₖ = Mₖt/(tᵀt)},
 *       {@code Mₖ = I − Σ_{j<k} t_j t_jᵀ/(t_jᵀt_j)}; so {@code PᵀW = BᵀKA} and the prediction is
 *       {@code K* A (BᵀKA)⁻¹ Qᵀ + ȳ}.</li>
 * </ul>
 * The sign flip of {@code w} is omitted: the prediction is invariant to it. Predictions are also invariant to any
 * orthogonal rotation of the features, which is why a PCA projection can be applied on the Gram matrix.
 */
public final class GramPlsRegression implements GramRegression {
  /** sklearn's convergence tolerance on ‖w − w_old‖². */
  public static final double TOLERANCE = 1e-6;
  /** sklearn's maximum number of power iterations per component. */
  public static final int MAX_ITERATIONS = 500;
  /** Brain-Score's number of components. */
  public static final int BRAIN_SCORE_COMPONENTS = 25;
  private final int components;

  public GramPlsRegression(int components) {
    this.components = components;
  }

  /** Brain-Score's 25 components. */
  public static GramPlsRegression brainScore() {
    return new GramPlsRegression(BRAIN_SCORE_COMPONENTS);
  }

  @Override
  public String id() {
    return "pls" + components;
  }

  @Override
  public double[][] fitPredict(double[][] kTrain, double[][] kTest, double[][] y) {
    int n = kTrain.length;
    int q = y[0].length;
    double[] ym = Linear.columnMeans(y);
    double[][] yk = Linear.centred(y, ym);
    double[][] k = new double[n][];
    for (int i = 0; i < n; i++) {
      k[i] = kTrain[i].clone();
    }
    List<double[]> ts = new ArrayList<>();
    List<double[]> as = new ArrayList<>();
    List<double[]> bs = new ArrayList<>();
    List<double[]> qs = new ArrayList<>();
    for (int comp = 0; comp < components; comp++) {
      Linear.zeroConstantColumns(yk);
      double[] u = Linear.firstNonZeroColumn(yk);
      if (u == null) {
        break;
      }
      double[] ku = null;
      double sc = 0;
      double uku = 0;
      double[] uOld = null;
      double[] kuOld = null;
      double scOld = 0;
      double ukuOld = 0;
      double[] t = null;
      double[] uw = u;
      for (int it = 0; it < MAX_ITERATIONS; it++) {
        uw = u;
        ku = Linear.times(k, u);
        uku = Math.max(Linear.dot(u, ku), 0);
        double uu = Linear.dot(u, u);
        sc = 1.0 / (uu * (Math.sqrt(uku) / uu + Linear.EPS));
        t = ku.clone();
        Linear.scale(t, sc);
        double[] c = Linear.transposeTimes(yk, t);
        Linear.scale(c, 1.0 / Linear.dot(t, t));
        double[] uNew = Linear.times(yk, c);
        Linear.scale(uNew, 1.0 / (Linear.dot(c, c) + Linear.EPS));
        boolean done = q == 1;
        if (!done && uOld != null) {
          double diff = sc * sc * uku + scOld * scOld * ukuOld - 2 * sc * scOld * Linear.dot(u, kuOld);
          done = diff < TOLERANCE;
        }
        if (done) {
          break;
        }
        uOld = u;
        kuOld = ku;
        scOld = sc;
        ukuOld = uku;
        u = uNew;
      }
      double tt = Linear.dot(t, t);
      double[] a = uw.clone();
      double[] b = t.clone();
      for (double[] tj : ts) {
        double f = 1.0 / Linear.dot(tj, tj);
        double fa = Linear.dot(tj, a) * f;
        double fb = Linear.dot(tj, b) * f;
        for (int i = 0; i < n; i++) {
          a[i] -= fa * tj[i];
          b[i] -= fb * tj[i];
        }
      }
      Linear.scale(a, sc);
      Linear.scale(b, 1.0 / tt);
      double[] qk = Linear.transposeTimes(yk, t);
      Linear.scale(qk, 1.0 / tt);
      for (int i = 0; i < n; i++) {
        double[] yr = yk[i];
        for (int j = 0; j < q; j++) {
          yr[j] -= t[i] * qk[j];
        }
      }
      deflate(k, t, tt);
      ts.add(t);
      as.add(a);
      bs.add(b);
      qs.add(qk);
    }
    int used = ts.size();
    // PᵀW = Bᵀ K0 A, with K0 the undeflated Gram matrix
    double[][] ka = new double[used][];
    for (int c = 0; c < used; c++) {
      ka[c] = Linear.times(kTrain, as.get(c));
    }
    double[][] ptw = new double[used][used];
    for (int r = 0; r < used; r++) {
      for (int c = 0; c < used; c++) {
        ptw[r][c] = Linear.dot(bs.get(r), ka[c]);
      }
    }
    double[][] inner = Linear.solve(ptw, qs.toArray(new double[0][]));  // used × q
    double[][] out = new double[kTest.length][];
    for (int i = 0; i < kTest.length; i++) {
      double[] row = ym.clone();
      for (int c = 0; c < used; c++) {
        double s = Linear.dot(kTest[i], as.get(c));
        double[] ic = inner[c];
        for (int j = 0; j < q; j++) {
          row[j] += s * ic[j];
        }
      }
      out[i] = row;
    }
    return out;
  }

  /** {@code K ← D K D}, {@code D = I − ttᵀ/tt}, in place. */
  private static void deflate(double[][] k, double[] t, double tt) {
    int n = k.length;
    double[] kt = Linear.times(k, t);
    double tkt = Linear.dot(t, kt);
    for (int i = 0; i < n; i++) {
      double[] r = k[i];
      double ti = t[i] / tt;
      double kti = kt[i] / tt;
      for (int j = 0; j < n; j++) {
        r[j] += -ti * kt[j] - kti * t[j] + ti * t[j] * tkt / tt;
      }
    }
  }
}
