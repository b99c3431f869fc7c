package io.striate.benchmark.metrics;

/** Small dense linear-algebra helpers on {@code double[row][column]} matrices for the regression classes. */
final class Linear {
  /** Machine epsilon of a double (numpy's {@code finfo(float64).eps}), sklearn's guard against division by zero. */
  static final double EPS = Math.ulp(1.0);

  private Linear() {
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static void scale(double[] a, double f) {
    for (int i = 0; i < a.length; i++) {
      a[i] *= f;
    }
  }

  /** {@code M v}. */
  static double[] times(double[][] m, double[] v) {
    double[] out = new double[m.length];
    for (int i = 0; i < m.length; i++) {
      out[i] = dot(m[i], v);
    }
    return out;
  }

  /** {@code Mᵀ v}. */
  static double[] transposeTimes(double[][] m, double[] v) {
    double[] out = new double[m[0].length];
    for (int i = 0; i < m.length; i++) {
      double vi = v[i];
      double[] r = m[i];
      for (int j = 0; j < r.length; j++) {
        out[j] += vi * r[j];
      }
    }
    return out;
  }

  static double[] columnMeans(double[][] m) {
    double[] mean = new double[m[0].length];
    for (double[] r : m) {
      for (int j = 0; j < r.length; j++) {
        mean[j] += r[j];
      }
    }
    scale(mean, 1.0 / m.length);
    return mean;
  }

  static double[][] centred(double[][] m, double[] mean) {
    double[][] out = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      double[] r = m[i].clone();
      for (int j = 0; j < r.length; j++) {
        r[j] -= mean[j];
      }
      out[i] = r;
    }
    return out;
  }

  /** sklearn: columns whose every |value| is below 10·ε are set to exactly 0. */
  static void zeroConstantColumns(double[][] y) {
    int q = y[0].length;
    for (int j = 0; j < q; j++) {
      boolean small = true;
      for (double[] r : y) {
        if (Math.abs(r[j]) >= 10 * EPS) {
          small = false;
          break;
        }
      }
      if (small) {
        for (double[] r : y) {
          r[j] = 0;
        }
      }
    }
  }

  /** The first column with any |value| &gt; ε, or null (sklearn's initial y-score). */
  static double[] firstNonZeroColumn(double[][] y) {
    int q = y[0].length;
    for (int j = 0; j < q; j++) {
      for (double[] r : y) {
        if (Math.abs(r[j]) > EPS) {
          double[] col = new double[y.length];
          for (int i = 0; i < y.length; i++) {
            col[i] = y[i][j];
          }
          return col;
        }
      }
    }
    return null;
  }

  /** Solves {@code A X = B} for square {@code A} by Gaussian elimination with partial pivoting. */
  static double[][] solve(double[][] a, double[][] b) {
    int n = a.length;
    double[][] m = new double[n][];
    double[][] x = new double[n][];
    for (int i = 0; i < n; i++) {
      m[i] = a[i].clone();
      x[i] = b[i].clone();
    }
    for (int col = 0; col < n; col++) {
      int piv = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(m[r][col]) > Math.abs(m[piv][col])) {
          piv = r;
        }
      }
      double[] tmp = m[col];
      m[col] = m[piv];
      m[piv] = tmp;
      tmp = x[col];
      x[col] = x[piv];
      x[piv] = tmp;
      double d = m[col][col];
      if (d == 0) {
        throw new ArithmeticException("singular matrix");
      }
      for (int r = col + 1; r < n; r++) {
        double f = m[r][col] / d;
        if (f == 0) {
          continue;
        }
        for (int c = col; c < n; c++) {
          m[r][c] -= f * m[col][c];
        }
        for (int c = 0; c < x[r].length; c++) {
          x[r][c] -= f * x[col][c];
        }
      }
    }
    for (int col = n - 1; col >= 0; col--) {
      for (int c = 0; c < x[col].length; c++) {
        double s = x[col][c];
        for (int k = col + 1; k < n; k++) {
          s -= m[col][k] * x[k][c];
        }
        x[col][c] = s / m[col][col];
      }
    }
    return x;
  }
}
