package io.striate.benchmark.marques2020;

/**
 * Interpolating cubic spline with not-a-knot end conditions, as scipy {@code CubicSpline(x, y,
 * bc_type='not-a-knot')} and (mathematically identical) FITPACK {@code UnivariateSpline(x, y, s=0)}, which
 * Brain-Score uses for orientation and spatial-frequency tuning (spec §4.7). Outside {@code [x_0, x_{n-1}]} it
 * extrapolates with the end polynomials. A natural spline would change peaks and bandwidths.
 *
 * <p>The node slopes {@code s} solve scipy's tridiagonal system: interior rows
 * {@code dx_i s_{i-1} + 2(dx_{i-1}+dx_i) s_i + dx_{i-1} s_{i+1} = 3(dx_i m_{i-1} + dx_{i-1} m_i)} with secant
 * slopes {@code m_i}, and the not-a-knot rows at both ends. On interval i the polynomial is
 * {@code c0 t³ + c1 t² + c2 t + c3} with {@code t = x − x_i}.
 */
public final class NotAKnotSpline {
  private final double[] x;
  private final double[][] c;

  /** @param x strictly increasing abscissae, at least 4; @param y ordinates */
  public NotAKnotSpline(double[] x, double[] y) {
    int n = x.length;
    if (n < 4 || y.length != n) {
      throw new IllegalArgumentException("need at least 4 points with matching x and y");
    }
    double[] dx = new double[n - 1];
    double[] slope = new double[n - 1];
    for (int i = 0; i < n - 1; i++) {
      dx[i] = x[i + 1] - x[i];
      if (!(dx[i] > 0)) {
        throw new IllegalArgumentException("x must be strictly increasing");
      }
      slope[i] = (y[i + 1] - y[i]) / dx[i];
    }
    double[][] a = new double[n][n];
    double[] b = new double[n];
    for (int i = 1; i < n - 1; i++) {
      a[i][i - 1] = dx[i];
      a[i][i] = 2 * (dx[i - 1] + dx[i]);
      a[i][i + 1] = dx[i - 1];
      b[i] = 3 * (dx[i] * slope[i - 1] + dx[i - 1] * slope[i]);
    }
    double d0 = x[2] - x[0];
    a[0][0] = dx[1];
    a[0][1] = d0;
    b[0] = ((dx[0] + 2 * d0) * dx[1] * slope[0] + dx[0] * dx[0] * slope[1]) / d0;
    double dn = x[n - 1] - x[n - 3];
    a[n - 1][n - 1] = dx[n - 3];
    a[n - 1][n - 2] = dn;
    b[n - 1] = (dx[n - 2] * dx[n - 2] * slope[n - 3] + (2 * dn + dx[n - 2]) * dx[n - 3] * slope[n - 2]) / dn;
    double[] s = solve(a, b);
    this.x = x.clone();
    this.c = new double[n - 1][4];
    for (int i = 0; i < n - 1; i++) {
      double t = (s[i] + s[i + 1] - 2 * slope[i]) / dx[i];
      c[i][0] = t / dx[i];
      c[i][1] = (slope[i] - s[i]) / dx[i] - t;
      c[i][2] = s[i];
      c[i][3] = y[i];
    }
  }

  /** Gaussian elimination with partial pivoting (n is at most a few dozen here). */
  private static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    for (int col = 0; col < n; col++) {
      int piv = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) {
          piv = r;
        }
      }
      double[] tmp = a[col];
      a[col] = a[piv];
      a[piv] = tmp;
      double tb = b[col];
      b[col] = b[piv];
      b[piv] = tb;
      for (int r = col + 1; r < n; r++) {
        double f = a[r][col] / a[col][col];
        if (f != 0) {
          for (int k = col; k < n; k++) {
            a[r][k] -= f * a[col][k];
          }
          b[r] -= f * b[col];
        }
      }
    }
    double[] s = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double acc = b[r];
      for (int k = r + 1; k < n; k++) {
        acc -= a[r][k] * s[k];
      }
      s[r] = acc / a[r][r];
    }
    return s;
  }

  /** Value at {@code t}; the first/last polynomial extrapolates outside the knots. */
  public double value(double t) {
    int i = interval(t);
    double h = t - x[i];
    double[] p = c[i];
    return ((p[0] * h + p[1]) * h + p[2]) * h + p[3];
  }

  /** Values at each of {@code ts}. */
  public double[] values(double[] ts) {
    double[] out = new double[ts.length];
    for (int k = 0; k < ts.length; k++) {
      out[k] = value(ts[k]);
    }
    return out;
  }

  private int interval(double t) {
    int last = x.length - 2;
    if (t < x[1]) {
      return 0;
    }
    if (t >= x[last]) {
      return last;
    }
    int lo = 1;
    int hi = last;
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      if (x[mid] <= t) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
