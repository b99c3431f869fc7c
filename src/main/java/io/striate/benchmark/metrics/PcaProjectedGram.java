package io.striate.benchmark.metrics;

/**
 * Brain-Score's layer-selection PCA (spec §8.1: {@code PCA(n_components=1000)} fitted on the activations of a fixed
 * set of 1000 images, applied to every candidate layer with more than 1000 units) expressed on Gram matrices.
 *
 * <p>With m fit images and {@code components ≥ m − 1}, the PCA keeps every direction of non-zero variance of the
 * centred fit activations {@code F̃} (rank ≤ m − 1), so the projection is the orthogonal projection onto the row
 * space of {@code F̃}, and the projected features {@code Z} of the benchmark images have
 * {@code ZZᵀ = C K⁺ Cᵀ} with {@code K = F̃F̃ᵀ} and {@code C = (X − μ_F)F̃ᵀ}. Because PLS and ridge predictions
 * are invariant to rotations of the features, this Gram matrix is all they need; the sign/ordering of the
 * principal axes does not matter. {@code K⁺} is applied through a pivoted Cholesky factorisation with a relative
 * rank tolerance ({@code C_P K_PP⁻¹ C_Pᵀ}, exact when {@code rank K_PP = rank K}). A fit set larger than
 * {@code components + 1} would need a truncated eigendecomposition, which is not implemented (rejected).
 *
 * <p>Difference from Brain-Score: with 1000 fit images and {@code n_components=1000}, scikit-learn's full SVD also
 * returns a 1000th axis of zero fit variance, an arbitrary LAPACK-chosen direction orthogonal to the fit span, and
 * projects the benchmark images onto it too. That one direction is not reproducible; it is left out here (the
 * projection keeps the {@code rank ≤ 999} directions of non-zero variance).
 */
public final class PcaProjectedGram {
  /** Brain-Score's number of principal components for the layer sweep. */
  public static final int BRAIN_SCORE_COMPONENTS = 1000;
  /** Pivots below this fraction of the largest diagonal are treated as zero variance. */
  public static final double RANK_TOLERANCE = 1e-10;

  private PcaProjectedGram() {
  }

  /**
   * @param joint      Gram matrix of the fit images (rows {@code 0..fit−1}) followed by the benchmark images
   * @param fit        number of fit images at the start of {@code joint}
   * @param components PCA components kept (must be ≥ fit − 1)
   * @return the Gram matrix of the projected benchmark images
   */
  public static FeatureGram project(FeatureGram joint, int fit, int components) {
    if (components < fit - 1) {
      throw new IllegalArgumentException("a fit set of " + fit + " images needs " + (fit - 1)
          + " components for the exact projection; truncated PCA is not implemented");
    }
    int n = joint.size() - fit;
    int[] fitRows = new int[fit];
    for (int i = 0; i < fit; i++) {
      fitRows[i] = i;
    }
    int[] benchRows = new int[n];
    for (int i = 0; i < n; i++) {
      benchRows[i] = fit + i;
    }
    double[][] k = joint.centredTrain(fitRows);
    double[][] c = joint.centred(benchRows, fitRows);  // n × fit
    // pivoted Cholesky K_PP = L Lᵀ (L lower, r columns)
    double[] diag = new double[fit];
    double maxDiag = 0;
    for (int i = 0; i < fit; i++) {
      diag[i] = k[i][i];
      maxDiag = Math.max(maxDiag, diag[i]);
    }
    int[] piv = new int[fit];
    double[][] l = new double[fit][];  // l[col] = column col of L over all fit rows (in original order)
    boolean[] used = new boolean[fit];
    int r = 0;
    while (r < fit) {
      int best = -1;
      for (int i = 0; i < fit; i++) {
        if (!used[i] && (best < 0 || diag[i] > diag[best])) {
          best = i;
        }
      }
      if (best < 0 || diag[best] <= RANK_TOLERANCE * maxDiag) {
        break;
      }
      used[best] = true;
      piv[r] = best;
      double[] col = new double[fit];
      double d = Math.sqrt(diag[best]);
      for (int i = 0; i < fit; i++) {
        if (used[i] && i != best) {
          continue;
        }
        double s = k[i][best];
        for (int j = 0; j < r; j++) {
          s -= l[j][i] * l[j][best];
        }
        col[i] = i == best ? d : s / d;
      }
      for (int i = 0; i < fit; i++) {
        if (!used[i]) {
          diag[i] -= col[i] * col[i];
        }
      }
      l[r++] = col;
    }
    // solve L_P Y = C_Pᵀ (forward substitution in pivot order); then ZZᵀ = Yᵀ Y
    double[][] y = new double[r][n];
    for (int j = 0; j < r; j++) {
      int pj = piv[j];
      for (int b = 0; b < n; b++) {
        double s = c[b][pj];
        for (int t = 0; t < j; t++) {
          s -= l[t][pj] * y[t][b];
        }
        y[j][b] = s / l[j][pj];
      }
    }
    double[][] g = new double[n][n];
    for (int a = 0; a < n; a++) {
      for (int b = a; b < n; b++) {
        double s = 0;
        for (int j = 0; j < r; j++) {
          s += y[j][a] * y[j][b];
        }
        g[a][b] = s;
        g[b][a] = s;
      }
    }
    return FeatureGram.of(g);
  }
}
