package io.striate.benchmark.marques2020;

/**
 * {@code calc_size_tuning} of Brain-Score (spec §4.7) on a response curve over increasing grating radii.
 * SSI = (peak − plateau)/peak with plateau = response at the largest radius; when peak &gt; 0 and SSI &gt; 0.1,
 * GSF = 2·(first radius with response ≥ 0.95·peak) and surround diameter = 2·(first radius beyond the preferred one
 * with response ≤ plateau + 0.05·|plateau|); otherwise both are NaN.
 */
public final class SizeTuning {
  private SizeTuning() {
  }

  /**
   * @param suppressionIndex       surround suppression index (always computed)
   * @param gratingSummationField  GSF diameter in degrees, or NaN
   * @param surroundDiameter       surround diameter in degrees, or NaN
   */
  public record Result(double suppressionIndex, double gratingSummationField, double surroundDiameter) {
  }

  public static Result analyse(double[] curve, double[] radius) {
    int pref = PhaseResponses.argmax(curve, 0, curve.length);
    double peak = curve[pref];
    double plateau = curve[curve.length - 1];
    double ssi = (peak - plateau) / peak;
    if (!(peak > 0 && ssi > 0.1)) {
      return new Result(ssi, Double.NaN, Double.NaN);
    }
    double gsf = Double.NaN;
    for (int i = 0; i < curve.length; i++) {
      if (curve[i] >= peak * 0.95) {
        gsf = radius[i] * 2;
        break;
      }
    }
    double limit = plateau + 0.05 * Math.abs(plateau);
    double surround = Double.NaN;
    for (int i = 0; i < curve.length; i++) {
      if (curve[i] <= limit && radius[i] > radius[pref]) {
        surround = radius[i] * 2;
        break;
      }
    }
    return new Result(ssi, gsf, surround);
  }
}
