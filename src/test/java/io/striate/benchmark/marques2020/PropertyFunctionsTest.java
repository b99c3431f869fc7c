package io.striate.benchmark.marques2020;

import static io.striate.benchmark.marques2020.Fixtures.doubles;
import static io.striate.benchmark.marques2020.Fixtures.number;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Property functions of spec §4.7 against numpy/scipy references computed by {@code tools/marques_reference.py}
 * ({@code properties.json}; spline = scipy {@code CubicSpline(bc_type='not-a-knot')}, cross-checked there against
 * FITPACK {@code UnivariateSpline(s=0)}) on seeded tuning curves.
 */
class PropertyFunctionsTest {
  /** The brief's bound for property functions against scipy. */
  static final double MAX_ABS_DIFF = 1e-9;

  static final JsonNode REF = Fixtures.json("properties.json");
  static final double[] ORIENTATION = doubles(REF.get("orientation"));
  static final double[] SF = doubles(REF.get("sf"));
  static final double[] RADIUS = doubles(REF.get("radius"));

  static void close(double actual, JsonNode expected, String what) {
    double e = number(expected);
    if (Double.isNaN(e)) {
      assertThat(actual).as(what).isNaN();
    } else {
      assertThat(Math.abs(actual - e)).as(what + " actual " + actual + " expected " + e).isLessThanOrEqualTo(
          MAX_ABS_DIFF * Math.max(1, Math.abs(e)));
    }
  }

  @Test
  void notAKnotSplineMatchesScipy() {
    for (JsonNode c : REF.get("cases").get("spline")) {
      NotAKnotSpline s = new NotAKnotSpline(doubles(c.get("x")), doubles(c.get("y")));
      double[] t = doubles(c.get("t"));
      JsonNode v = c.get("values");
      for (int i = 0; i < t.length; i++) {
        close(s.value(t[i]), v.get(i), "spline at " + t[i]);
      }
    }
  }

  @Test
  void orientationTuningMatchesScipy() {
    int i = 0;
    for (JsonNode c : REF.get("cases").get("orientation")) {
      double[] curve = doubles(c.get("curve"));
      OrientationTuning.Bandwidth ringach = OrientationTuning.bandwidth(curve, ORIENTATION, SmoothingKernel.HANNING,
          0.707, true);
      close(ringach.width(), c.get("hanning_0707_half"), "case " + i + " bandwidth");
      assertThat(ringach.preferred()).as("case " + i).isEqualTo(c.get("hanning_pref").asInt());
      OrientationTuning.Bandwidth deValois = OrientationTuning.bandwidth(curve, ORIENTATION, SmoothingKernel.SMOOTH,
          0.5, false);
      close(deValois.width(), c.get("smooth_05_full"), "case " + i + " full width");
      assertThat(deValois.preferred()).as("case " + i).isEqualTo(c.get("smooth_pref").asInt());
      close(OrientationTuning.circularVariance(curve, ORIENTATION), c.get("circular_variance"), "cv " + i);
      close(OrientationTuning.orthogonalPreferredRatio(curve), c.get("orthogonal_preferred_ratio"), "opr " + i);
      i++;
    }
  }

  @Test
  void spatialFrequencyTuningMatchesScipy() {
    int i = 0;
    for (JsonNode c : REF.get("cases").get("sf")) {
      SpatialFrequencyTuning.Result r = SpatialFrequencyTuning.analyse(doubles(c.get("curve")), SF,
          SmoothingKernel.SMOOTH, 0.707);
      close(r.peak(), c.get("peak"), "peak " + i);
      close(r.bandwidth(), c.get("bandwidth"), "bandwidth " + i);
      i++;
    }
  }

  @Test
  void sizeTuningMatchesNumpy() {
    int i = 0;
    for (JsonNode c : REF.get("cases").get("size")) {
      SizeTuning.Result r = SizeTuning.analyse(doubles(c.get("curve")), RADIUS);
      close(r.suppressionIndex(), c.get("ssi"), "ssi " + i);
      close(r.gratingSummationField(), c.get("gsf"), "gsf " + i);
      close(r.surroundDiameter(), c.get("surround"), "surround " + i);
      i++;
    }
  }

  @Test
  void textureStatisticsMatchNumpy() {
    int i = 0;
    for (JsonNode c : REF.get("cases").get("texture")) {
      double[][][] r = new double[2][15][];
      for (int t = 0; t < 2; t++) {
        for (int f = 0; f < 15; f++) {
          r[t][f] = doubles(c.get("responses").get(t).get(f));
        }
      }
      double[] noise = new double[15];
      double[] texture = new double[15];
      double[] all = new double[225];
      double[][] stabilised = new double[15][15];
      for (int f = 0; f < 15; f++) {
        noise[f] = PhaseResponses.dc(r[0][f], 0, 15);
        texture[f] = PhaseResponses.dc(r[1][f], 0, 15);
        for (int s = 0; s < 15; s++) {
          all[f * 15 + s] = r[1][f][s];
          double spikes = r[1][f][s] / 10;
          stabilised[f][s] = Math.sqrt(spikes) + Math.sqrt(spikes + 1);
        }
      }
      close(TextureStatistics.textureModulationIndex(noise, texture), c.get("tmi"), "tmi " + i);
      close(TextureStatistics.sparseness(texture), c.get("texture_selectivity"), "selectivity " + i);
      close(TextureStatistics.sparseness(all), c.get("texture_sparseness"), "sparseness " + i);
      close(TextureStatistics.varianceRatio(stabilised), c.get("variance_ratio"), "variance ratio " + i);
      i++;
    }
  }

  @Test
  void dcAndF1MatchNumpyFft() {
    for (JsonNode c : REF.get("cases").get("phase")) {
      double[] r = doubles(c.get("r"));
      close(PhaseResponses.dc(r, 0, 8), c.get("dc"), "dc");
      close(PhaseResponses.f1(r, 0, 8), c.get("f1"), "f1");
    }
  }
}
