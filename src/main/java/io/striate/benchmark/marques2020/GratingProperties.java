package io.striate.benchmark.marques2020;

import io.striate.benchmark.stimuli.MarquesStimuli;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-paper property experiments on grating responses (spec §4.7 "Per-benchmark computation"). Inputs are firing
 * rates {@code [unit][stimulus]} in the canonical order of {@link MarquesStimuli} and the blank rate per unit; each
 * returns the properties of the units that pass the paper's response threshold.
 */
public final class GratingProperties {
  static final int PHASES = 8;

  private GratingProperties() {
  }

  /** Collects rows that pass the threshold. */
  private static final class Rows {
    final List<Integer> units = new ArrayList<>();
    final Map<String, List<Double>> cols = new HashMap<>();

    void add(int unit, Map<String, Double> values) {
      units.add(unit);
      values.forEach((k, v) -> cols.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
    }

    PropertyTable table(String... names) {
      Map<String, double[]> out = new HashMap<>();
      for (String n : names) {
        List<Double> l = cols.getOrDefault(n, List.of());
        out.put(n, l.stream().mapToDouble(Double::doubleValue).toArray());
      }
      return new PropertyTable(units.stream().mapToInt(Integer::intValue).toArray(), out);
    }
  }

  /** DC per condition (stimuli grouped by 8 phases). */
  static double[] dc(double[] r) {
    double[] out = new double[r.length / PHASES];
    for (int c = 0; c < out.length; c++) {
      out[c] = PhaseResponses.dc(r, c * PHASES, PHASES);
    }
    return out;
  }

  static double[] ac(double[] r) {
    double[] out = new double[r.length / PHASES];
    for (int c = 0; c < out.length; c++) {
      out[c] = PhaseResponses.f1(r, c * PHASES, PHASES);
    }
    return out;
  }

  static double max(double[] v) {
    double m = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      m = Math.max(m, x);
    }
    return m;
  }

  /**
   * Ringach 2002 on the orientation set {@code (pair 12, orientation 12, phase 8)}: circular variance, half
   * bandwidth (hanning, 0.707), orthogonal/preferred ratio, orientation_selective, modulation ratio, the two
   * derived ratios, max_dc, min_dc, max_ac, baseline. Baseline not subtracted; threshold max_dc &gt; baseline + 5.
   */
  public static PropertyTable ringach2002(double[][] rates, double[] baseline, int[] unitIds) {
    Rows rows = new Rows();
    double[] or = MarquesStimuli.ORIENTATIONS;
    for (int u = 0; u < rates.length; u++) {
      double[] dc = dc(rates[u]);
      double[] ac = ac(rates[u]);
      int best = PhaseResponses.argmax(dc, 0, dc.length);
      double maxDc = dc[best];
      if (!(maxDc > baseline[u] + FiringRateMap.RESPONSE_THRESHOLD)) {
        continue;
      }
      int pair = best / or.length;
      double[] curve = java.util.Arrays.copyOfRange(dc, pair * or.length, (pair + 1) * or.length);
      double cv = OrientationTuning.circularVariance(curve, or);
      double bw = OrientationTuning.bandwidth(curve, or, SmoothingKernel.HANNING, 0.707, true).width();
      double opr = OrientationTuning.orthogonalPreferredRatio(curve);
      double minDc = Double.POSITIVE_INFINITY;
      for (double v : curve) {
        minDc = Math.min(minDc, v);
      }
      Map<String, Double> v = new HashMap<>();
      v.put("baseline", baseline[u]);
      v.put("max_dc", maxDc);
      v.put("min_dc", minDc);
      v.put("max_ac", ac[best]);
      v.put("modulation_ratio", ac[best] / maxDc);
      v.put("circular_variance", cv);
      v.put("bandwidth", bw);
      v.put("orthogonal_preferred_ratio", opr);
      v.put("orientation_selective", Double.isNaN(bw) ? 0.0 : 1.0);
      v.put("circular_variance_bandwidth_ratio", cv / bw);
      v.put("orthogonal_preferred_ratio_circular_variance_difference", opr - cv);
      v.put("orthogonal_preferred_ratio_bandwidth_ratio", opr / bw);
      rows.add(unitIds[u], v);
    }
    return rows.table("baseline", "max_dc", "min_dc", "max_ac", "modulation_ratio", "circular_variance",
        "bandwidth", "orthogonal_preferred_ratio", "orientation_selective", "circular_variance_bandwidth_ratio",
        "orthogonal_preferred_ratio_circular_variance_difference", "orthogonal_preferred_ratio_bandwidth_ratio");
  }

  /**
   * De Valois 1982a on the orientation set: preferred orientation from the smooth kernel fit (threshold 0.5, full
   * width), values ≥ 157.5 shifted by −180. Threshold max DC &gt; baseline + 5.
   */
  public static PropertyTable deValois1982a(double[][] rates, double[] baseline, int[] unitIds) {
    Rows rows = new Rows();
    double[] or = MarquesStimuli.ORIENTATIONS;
    for (int u = 0; u < rates.length; u++) {
      double[] dc = dc(rates[u]);
      int best = PhaseResponses.argmax(dc, 0, dc.length);
      if (!(dc[best] > baseline[u] + FiringRateMap.RESPONSE_THRESHOLD)) {
        continue;
      }
      int pair = best / or.length;
      double[] curve = java.util.Arrays.copyOfRange(dc, pair * or.length, (pair + 1) * or.length);
      double pref = OrientationTuning.bandwidth(curve, or, SmoothingKernel.SMOOTH, 0.5, false).preferred();
      if (pref >= 157.5) {
        pref -= 180;
      }
      rows.add(unitIds[u], Map.of("preferred_orientation", pref));
    }
    return rows.table("preferred_orientation");
  }

  /**
   * A unit's responses per condition with {@code DC − baseline} (component 0) and AC (component 1) stacked in C
   * order (component fastest), the array Brain-Score takes the preferred condition from.
   */
  private static double[] stacked(double[] unitRates, double baseline) {
    double[] dc = dc(unitRates);
    double[] ac = ac(unitRates);
    double[] s = new double[dc.length * 2];
    for (int c = 0; c < dc.length; c++) {
      s[2 * c] = dc[c] - baseline;
      s[2 * c + 1] = ac[c];
    }
    return s;
  }

  /**
   * De Valois 1982b on the SF set {@code (radius 2, sf 22, orientation 6, phase 8)}: peak SF of the smoothed
   * spline fit (threshold 0.707) of the preferred component (DC − baseline or AC). Threshold max stacked &gt; 5.
   */
  public static PropertyTable deValois1982b(double[][] rates, double[] baseline, int[] unitIds) {
    Rows rows = new Rows();
    double[] sf = MarquesStimuli.SF;
    int nO = MarquesStimuli.ORIENTATIONS_6.length;
    for (int u = 0; u < rates.length; u++) {
      double[] s = stacked(rates[u], baseline[u]);
      int best = PhaseResponses.argmax(s, 0, s.length);
      if (!(s[best] > FiringRateMap.RESPONSE_THRESHOLD)) {
        continue;
      }
      int comp = best % 2;
      int cond = best / 2;
      int o = cond % nO;
      int r = cond / nO / sf.length;
      double[] curve = new double[sf.length];
      for (int k = 0; k < sf.length; k++) {
        curve[k] = s[2 * ((r * sf.length + k) * nO + o) + comp];
      }
      double peak = SpatialFrequencyTuning.analyse(curve, sf, SmoothingKernel.SMOOTH, 0.707).peak();
      rows.add(unitIds[u], Map.of("peak_spatial_frequency", peak));
    }
    return rows.table("peak_spatial_frequency");
  }

  /**
   * Schiller 1976 on the SF set: DC only, not baseline-subtracted; SF bandwidth (ratio, percent) of the preferred
   * (radius, orientation) curve and spatial_frequency_selective = bandwidth not NaN. Threshold max DC &gt;
   * baseline + 5.
   */
  public static PropertyTable schiller1976(double[][] rates, double[] baseline, int[] unitIds) {
    Rows rows = new Rows();
    double[] sf = MarquesStimuli.SF;
    int nO = MarquesStimuli.ORIENTATIONS_6.length;
    for (int u = 0; u < rates.length; u++) {
      double[] dc = dc(rates[u]);
      int best = PhaseResponses.argmax(dc, 0, dc.length);
      if (!(dc[best] > baseline[u] + FiringRateMap.RESPONSE_THRESHOLD)) {
        continue;
      }
      int o = best % nO;
      int r = best / nO / sf.length;
      double[] curve = new double[sf.length];
      for (int k = 0; k < sf.length; k++) {
        curve[k] = dc[(r * sf.length + k) * nO + o];
      }
      double bw = SpatialFrequencyTuning.analyse(curve, sf, SmoothingKernel.SMOOTH, 0.707).bandwidth();
      rows.add(unitIds[u], Map.of("spatial_frequency_bandwidth", bw,
          "spatial_frequency_selective", Double.isNaN(bw) ? 0.0 : 1.0));
    }
    return rows.table("spatial_frequency_selective", "spatial_frequency_bandwidth");
  }

  /**
   * Cavanaugh 2002 on the size set {@code (radius 12, sf 4, orientation 6, phase 8)}: size tuning of the preferred
   * component's curve over radii (SSI, GSF and surround diameters). Threshold max stacked &gt; 5.
   */
  public static PropertyTable cavanaugh2002(double[][] rates, double[] baseline, int[] unitIds) {
    Rows rows = new Rows();
    double[] radius = MarquesStimuli.RADIUS;
    int nS = MarquesStimuli.SF_SUBSET.length;
    int nO = MarquesStimuli.ORIENTATIONS_6.length;
    for (int u = 0; u < rates.length; u++) {
      double[] s = stacked(rates[u], baseline[u]);
      int best = PhaseResponses.argmax(s, 0, s.length);
      if (!(s[best] > FiringRateMap.RESPONSE_THRESHOLD)) {
        continue;
      }
      int comp = best % 2;
      int cond = best / 2;
      int o = cond % nO;
      int sfi = (cond / nO) % nS;
      double[] curve = new double[radius.length];
      for (int k = 0; k < radius.length; k++) {
        curve[k] = s[2 * ((k * nS + sfi) * nO + o) + comp];
      }
      SizeTuning.Result st = SizeTuning.analyse(curve, radius);
      rows.add(unitIds[u], Map.of("surround_suppression_index", st.suppressionIndex(),
          "strongly_suppressed", st.suppressionIndex() >= 0.1 ? 1.0 : 0.0,
          "grating_summation_field", st.gratingSummationField(),
          "surround_diameter", st.surroundDiameter(),
          "surround_grating_summation_field_ratio", st.surroundDiameter() / st.gratingSummationField()));
    }
    return rows.table("surround_suppression_index", "strongly_suppressed", "grating_summation_field",
        "surround_diameter", "surround_grating_summation_field_ratio");
  }
}
