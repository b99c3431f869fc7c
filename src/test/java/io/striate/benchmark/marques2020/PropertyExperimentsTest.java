package io.striate.benchmark.marques2020;

import static io.striate.benchmark.marques2020.Fixtures.doubles;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The six per-paper experiments (reshape, DC/AC stacking, argmax in C order, thresholds, property formulas) against
 * the numpy implementation in {@code tools/marques_reference.py} ({@code experiments.json}) on seeded firing rates.
 */
class PropertyExperimentsTest {
  static final double MAX_ABS_DIFF = 1e-9;
  static final JsonNode REF = Fixtures.json("experiments.json");
  static final double[] BASELINE = doubles(REF.get("baseline"));
  static final int[] IDS = {100, 101, 102, 103, 104};

  static double[][] rates(String set) {
    JsonNode r = REF.get(set).get("rates");
    double[][] out = new double[r.size()][];
    for (int u = 0; u < out.length; u++) {
      out[u] = doubles(r.get(u));
    }
    return out;
  }

  static void check(PropertyTable table, JsonNode rows, String... properties) {
    assertThat(table.units()).hasSize(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      JsonNode row = rows.get(i);
      assertThat(table.units()[i]).isEqualTo(IDS[row.get("unit").asInt()]);
      for (String p : properties) {
        PropertyFunctionsTest.close(table.column(p)[i], row.get(p), p + " row " + i);
      }
    }
  }

  static PropertyTable run(String set, PhysiologySession.Experiment e) {
    return e.apply(rates(set), BASELINE, IDS);
  }

  @Test
  void ringach2002() {
    check(run("orientation", GratingProperties::ringach2002), REF.get("orientation").get("rows").get("ringach"),
        "circular_variance", "bandwidth", "orthogonal_preferred_ratio", "orientation_selective", "modulation_ratio",
        "max_dc", "circular_variance_bandwidth_ratio", "orthogonal_preferred_ratio_circular_variance_difference");
  }

  @Test
  void deValois1982a() {
    check(run("orientation", GratingProperties::deValois1982a),
        REF.get("orientation").get("rows").get("devalois_a"), "preferred_orientation");
  }

  @Test
  void deValois1982b() {
    check(run("sf", GratingProperties::deValois1982b), REF.get("sf").get("rows").get("devalois_b"),
        "peak_spatial_frequency");
  }

  @Test
  void schiller1976() {
    check(run("sf", GratingProperties::schiller1976), REF.get("sf").get("rows").get("schiller"),
        "spatial_frequency_bandwidth", "spatial_frequency_selective");
  }

  @Test
  void cavanaugh2002() {
    check(run("size", GratingProperties::cavanaugh2002), REF.get("size").get("rows"),
        "surround_suppression_index", "grating_summation_field", "surround_diameter");
  }

  @Test
  void freemanZiemba2013() {
    check(run("texture", TextureProperties::freemanZiemba2013), REF.get("texture").get("rows"),
        "texture_modulation_index", "absolute_texture_modulation_index", "texture_selectivity",
        "texture_sparseness", "variance_ratio", "max_texture", "max_noise");
  }

  @Test
  void firingRateMapFollowsBrainScore() {
    // hand computed: units (peak, blank) = (10, 1), (4, 0), (2, 2) -> diffs 9, 4, 0; limit = 5/243.1*9 = 0.185;
    // responsive: units 0 and 1 -> median blank 0.5, median peak 7 -> slope 32.98/6.5, offset 0.82 - slope*0.5
    FiringRateMap m = FiringRateMap.fit(new double[] {10, 4, 2}, new double[] {1, 0, 2});
    assertThat(m.slope()).isEqualTo((33.8 - 0.82) / 6.5);
    assertThat(m.offset()).isEqualTo(0.82 - m.slope() * 0.5);
    assertThat(m.rate(-3)).isEqualTo(Math.max(0, m.offset()));
  }

  @Test
  void receptiveFieldCentroid() {
    // one unit, blank 0; response 1 at grid (y=12, x=10) and 3 at (y=12, x=14): centroid x index = (10+42)/4 = 13
    // -> -2.5 + 0.25*13 = 0.75 deg; y index 12 -> 0.5 deg
    ReceptiveFieldMapper mapper = new ReceptiveFieldMapper(new double[] {0});
    float[][] rows = new float[21 * 21 * 8][1];
    rows[(12 * 21 + 10) * 8 + 3][0] = 1;
    rows[(12 * 21 + 14) * 8 + 5][0] = 3;
    rows[(3 * 21 + 3) * 8][0] = 0.1f; // below 5% of the max: ignored
    mapper.accept(0, rows);
    Function<Integer, double[]> centre = u -> mapper.centres(io.striate.benchmark.stimuli.MarquesStimuli
        .RF_POSITIONS)[u];
    assertThat(centre.apply(0)[0]).isEqualTo(0.5);
    assertThat(centre.apply(0)[1]).isEqualTo(0.75);
  }
}
