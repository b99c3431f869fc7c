package io.striate.benchmark.marques2020;

/**
 * {@code calc_spatial_frequency_tuning} of Brain-Score (spec §4.7): smooth the curve over the spatial frequencies
 * with edge replication, fit a not-a-knot spline in {@code u = log2(sf)}, evaluate it at 100 evenly spaced points
 * from {@code u_0} to {@code u_{n-1}}, take the argmax k as the peak, and find the last grid point below k and the
 * first above k where the fit is {@code <= threshold·peak}.
 */
public final class SpatialFrequencyTuning {
  static final int GRID = 100;

  private SpatialFrequencyTuning() {
  }

  /**
   * @param peak      peak spatial frequency {@code 2^{u_k}} in cycles/deg
   * @param bandwidth "ratio" bandwidth {@code 100·2^{u_lo}/2^{u_hi}} in percent (NaN when a side is missing)
   */
  public record Result(double peak, double bandwidth) {
  }

  public static Result analyse(double[] curve, double[] sf, SmoothingKernel kernel, double threshold) {
    int n = sf.length;
    double[] u = new double[n];
    for (int i = 0; i < n; i++) {
      u[i] = Math.log(sf[i]) / Math.log(2);
    }
    double[] grid = linspace(u[0], u[n - 1], GRID);
    double[] smoothed = kernel.convolveReplicated(curve);
    NotAKnotSpline spline = new NotAKnotSpline(u, smoothed);
    double[] fit = spline.values(grid);
    int k = PhaseResponses.argmax(fit, 0, fit.length);
    double limit = fit[k] * threshold;
    double lo = Double.NaN;
    for (int i = k - 1; i >= 0; i--) {
      if (fit[i] <= limit) {
        lo = grid[i];
        break;
      }
    }
    double hi = Double.NaN;
    for (int i = k + 1; i < GRID; i++) {
      if (fit[i] <= limit) {
        hi = grid[i];
        break;
      }
    }
    double bandwidth = Math.pow(2, lo) / Math.pow(2, hi) * 100;
    return new Result(Math.pow(2, grid[k]), bandwidth);
  }

  /** numpy {@code linspace(start, stop, num)}: {@code start + i·step}, last value exactly {@code stop}. */
  static double[] linspace(double start, double stop, int num) {
    double step = (stop - start) / (num - 1);
    double[] out = new double[num];
    for (int i = 0; i < num; i++) {
      out[i] = i * step + start;
    }
    out[num - 1] = stop;
    return out;
  }
}
