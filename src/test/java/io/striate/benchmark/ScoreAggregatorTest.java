package io.striate.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.striate.benchmark.marques2020.PropertyBenchmarkDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScoreAggregatorTest {
  /**
   * Spec §7 derives the AlexNet family and parent values from the §2 test anchors and rounds them to three
   * decimals; each leaf there is ±0.01/ceiling, but recomputing from the same rounded anchors must agree to the
   * published rounding.
   */
  private static final double PUBLISHED_ROUNDING = 0.0015;
  private static final double EXACT = 1e-12;

  /**
   * Spec §2: Brain-Score's AlexNet raw property scores and ceilings ({@code benchmarks/marques2020/test.py}), in
   * the order of {@link PropertyBenchmarkDefinition#ALL}: {raw, ceiling}.
   */
  private static final double[][] ALEXNET_RAW_AND_CEILING = {
      {0.830, 0.959}, {0.844, 0.964}, {0.876, 0.962}, {0.895, 0.994}, {0.841, 0.968}, {0.909, 0.967},
      {0.895, 0.962}, {0.775, 0.967}, {0.808, 0.963}, {0.869, 0.933}, {0.371, 0.959}, {0.646, 0.940},
      {0.508, 0.935}, {0.827, 0.939}, {0.599, 0.956}, {0.367, 0.955}, {0.365, 0.958}, {0.636, 0.948},
      {0.861, 0.958}, {0.904, 0.968}, {0.823, 0.946}, {0.684, 0.945}};
  /** Spec §6.7: AlexNet FreemanZiemba2013.V1-pls v2 = (0.466222 / 0.873345)². */
  private static final double ALEXNET_FZ = Math.pow(0.466222 / 0.873345, 2);

  /** The real tree: FreemanZiemba2013.V1-pls + the 22 Marques2020 benchmarks under their families. */
  private static ScoreTree realTree() {
    List<BenchmarkInfo> leaves = new ArrayList<>();
    leaves.add(info(ScoreTree.FREEMAN_ZIEMBA_PLS, ScoreTree.V1));
    leaves.add(info("FreemanZiemba2013public.V1-pls", null)); // layer selection only, outside the tree
    PropertyBenchmarkDefinition.ALL.forEach(d -> leaves.add(info(d.id(), d.parent())));
    return ScoreTree.of(leaves);
  }

  private static BenchmarkInfo info(String id, String parent) {
    return new BenchmarkInfo(id, 1, parent, id, "", null, "");
  }

  private static Map<String, Double> alexNet() {
    Map<String, Double> leaves = new HashMap<>();
    leaves.put(ScoreTree.FREEMAN_ZIEMBA_PLS, ALEXNET_FZ);
    for (int i = 0; i < ALEXNET_RAW_AND_CEILING.length; i++) {
      leaves.put(PropertyBenchmarkDefinition.ALL.get(i).id(), ALEXNET_RAW_AND_CEILING[i][0]
          / ALEXNET_RAW_AND_CEILING[i][1]);
    }
    return leaves;
  }

  private static Set<String> all(ScoreTree tree) {
    return new HashSet<>(tree.leavesUnder(ScoreTree.V1));
  }

  /** The 7 benchmarks built on published histograms, installed on every instance (README). */
  private static final Set<String> DEFAULT_INSTALLED = Set.of("Marques2020_DeValois1982-pref_or",
      "Marques2020_DeValois1982-peak_sf", "Marques2020_Schiller1976-sf_selective",
      "Marques2020_Schiller1976-sf_bandwidth", "Marques2020_Cavanaugh2002-grating_summation_field",
      "Marques2020_Cavanaugh2002-surround_diameter", "Marques2020_Cavanaugh2002-surround_suppression_index");

  @Test
  void everythingInstalledReproducesTheAlexNetAnchorsOfSpecSection7() {
    ScoreTree tree = realTree();
    var nodes = ScoreAggregator.aggregate(tree, all(tree), alexNet(), Map.of());
    // spec §7 table
    Map<String, Double> families = Map.of("V1-orientation", 0.899, "V1-spatial_frequency", 0.857,
        "V1-response_selectivity", 0.624, "V1-receptive_field_size", 0.505, "V1-surround_modulation", 0.381,
        "V1-texture_modulation", 0.785, "V1-response_magnitude", 0.843);
    families.forEach((f, v) -> assertThat(nodes.get(f).value()).as(f).isCloseTo(v, within(PUBLISHED_ROUNDING)));
    assertThat(nodes.get(ScoreTree.MARQUES2020).value()).isCloseTo(0.699, within(PUBLISHED_ROUNDING));
    assertThat(nodes.get(ScoreTree.V1).value()).isCloseTo(0.492, within(PUBLISHED_ROUNDING));
    assertThat(nodes.get(ScoreTree.V1).missing()).isEmpty();
    assertThat(nodes.get(ScoreTree.V1).coverage()).isEqualTo("V1: 23 of 23 benchmarks installed");
    assertThat(nodes.get(ScoreTree.V1).scoredLeaves()).isEqualTo(23);
  }

  @Test
  void everythingInstalledEqualsBrainScoresRuleExactlyMissingChildrenCountingZero() {
    // Brain-Score's rule, computed independently here: mean over all children, missing = 0.
    ScoreTree tree = realTree();
    Map<String, Double> leaves = alexNet();
    leaves.remove("Marques2020_Ringach2002-or_bandwidth");            // failed for this model
    leaves.remove("Marques2020_Cavanaugh2002-surround_suppression_index"); // never requested
    var nodes = ScoreAggregator.aggregate(tree, all(tree), leaves, Map.of("Marques2020_Ringach2002-or_bandwidth",
        new ScoreAggregator.LeafState(ScoreAggregator.FAILED, "internal: boom")));
    Map<String, Double> expectedFamily = new HashMap<>();
    for (String family : ScoreTree.FAMILIES) {
      List<String> members = tree.childrenOf(family);
      expectedFamily.put(family, members.stream().mapToDouble(m -> leaves.getOrDefault(m, 0.0)).sum()
          / members.size());
    }
    double allFamiliesMissing = 0; // V1-surround_modulation's only member is unscored: NaN, counts 0 above
    expectedFamily.put("V1-surround_modulation", allFamiliesMissing);
    double marques = expectedFamily.values().stream().mapToDouble(Double::doubleValue).sum() / 7;
    assertThat(nodes.get(ScoreTree.MARQUES2020).value()).isCloseTo(marques, within(EXACT));
    assertThat(nodes.get(ScoreTree.V1).value()).isCloseTo((ALEXNET_FZ + marques) / 2, within(EXACT));
    assertThat(nodes.get("V1-surround_modulation").value()).isNull();
    assertThat(nodes.get("V1-orientation").missing()).containsExactly(new ScoreAggregator.Missing(
        "Marques2020_Ringach2002-or_bandwidth", ScoreAggregator.FAILED, "internal: boom"));
    assertThat(nodes.get(ScoreTree.MARQUES2020).missing()).extracting(ScoreAggregator.Missing::state)
        .containsExactly(ScoreAggregator.NOT_SCORED);
  }

  @Test
  void uninstalledBenchmarksArePrunedForEveryModelAlike() {
    ScoreTree tree = realTree();
    Map<String, Double> leaves = new HashMap<>(alexNet());
    var nodes = ScoreAggregator.aggregate(tree, DEFAULT_INSTALLED, leaves, Map.of());
    // orientation: only pref_or installed; spatial frequency: all 3; RF size: both; surround: the one
    double prefOr = 0.895 / 0.962;
    double sf = (0.775 / 0.967 + 0.808 / 0.963 + 0.869 / 0.933) / 3;
    double rf = (0.599 / 0.956 + 0.367 / 0.955) / 2;
    double ssi = 0.365 / 0.958;
    assertThat(nodes.get("V1-orientation").value()).isCloseTo(prefOr, within(EXACT));
    assertThat(nodes.get("V1-orientation").totalChildren()).isEqualTo(1);
    assertThat(nodes.get("V1-orientation").coverage()).isEqualTo("V1-orientation: 1 of 7 benchmarks installed");
    double marques = (prefOr + sf + rf + ssi) / 4; // three families have nothing installed: pruned
    assertThat(nodes.get(ScoreTree.MARQUES2020).value()).isCloseTo(marques, within(EXACT));
    assertThat(nodes.get(ScoreTree.MARQUES2020).totalChildren()).isEqualTo(4);
    assertThat(nodes.get(ScoreTree.V1).value()).as("FZ not installed: pruned, V1 = Marques2020")
        .isCloseTo(marques, within(EXACT));
    assertThat(nodes.get(ScoreTree.V1).coverage()).isEqualTo("V1: 7 of 23 benchmarks installed");
    assertThat(nodes.get(ScoreTree.V1).missing()).containsExactly(new ScoreAggregator.Missing(
        ScoreTree.FREEMAN_ZIEMBA_PLS, ScoreAggregator.NOT_INSTALLED, "data not installed here"));
    assertThat(nodes.get("V1-texture_modulation").value()).isNull();
    assertThat(nodes.get("V1-texture_modulation").installedLeaves()).isZero();
    // a scored but uninstalled leaf (data removed after scoring) does not count either
    assertThat(nodes.get(ScoreTree.V1).scoredLeaves()).isEqualTo(7);
  }

  @Test
  void aModelScoredOnOneBenchmarkCannotOutrankOneScoredOnAll() {
    // the unfairness: with the old rule, a family with 1 of 8 installed weighed its benchmark 1/8
    ScoreTree tree = realTree();
    Map<String, Double> strong = new HashMap<>();
    DEFAULT_INSTALLED.forEach(id -> strong.put(id, 0.73));
    Map<String, Double> cherryPicked = Map.of("Marques2020_Cavanaugh2002-surround_suppression_index", 1.0);
    double a = ScoreAggregator.aggregate(tree, DEFAULT_INSTALLED, strong, Map.of()).get(ScoreTree.V1).value();
    double b = ScoreAggregator.aggregate(tree, DEFAULT_INSTALLED, cherryPicked, Map.of()).get(ScoreTree.V1).value();
    assertThat(a).isCloseTo(0.73, within(EXACT));
    assertThat(b).isCloseTo(0.25, within(EXACT)); // one of four installed families, the others count 0
  }

  @Test
  void ceiledScoresAreClippedToTheUnitInterval() {
    ScoreTree tree = realTree();
    var nodes = ScoreAggregator.aggregate(tree, DEFAULT_INSTALLED, Map.of(
        "Marques2020_Schiller1976-sf_selective", 1.04, "Marques2020_Schiller1976-sf_bandwidth", -0.2,
        "Marques2020_DeValois1982-peak_sf", 0.5), Map.of());
    assertThat(nodes.get("V1-spatial_frequency").value()).isCloseTo((1 + 0 + 0.5) / 3, within(EXACT));
  }

  @Test
  void meanOfScoredIsThePlainMeanOverScoredLeavesAtAnyDepth() {
    ScoreTree tree = realTree();
    var nodes = ScoreAggregator.aggregate(tree, DEFAULT_INSTALLED, Map.of(
        "Marques2020_DeValois1982-pref_or", 0.9, "Marques2020_Schiller1976-sf_selective", 0.6,
        "Marques2020_Schiller1976-sf_bandwidth", 0.3), Map.of());
    assertThat(nodes.get(ScoreTree.V1).meanOfScored()).isCloseTo((0.9 + 0.6 + 0.3) / 3, within(EXACT));
    assertThat(nodes.get(ScoreTree.V1).scoredLeaves()).isEqualTo(3);
    assertThat(nodes.get(ScoreTree.MARQUES2020).value()).isCloseTo((0.9 + 0.3) / 4, within(EXACT));
  }

  @Test
  void aParentWithNothingScoredIsNotScoredRatherThanZero() {
    ScoreTree tree = realTree();
    var nodes = ScoreAggregator.aggregate(tree, DEFAULT_INSTALLED, Map.of("Marques2020_DeValois1982-pref_or",
        Double.NaN), Map.of());
    assertThat(nodes.get(ScoreTree.V1).value()).isNull();
    assertThat(nodes.get(ScoreTree.V1).meanOfScored()).isNull();
    assertThat(nodes.get("V1-orientation").missing()).filteredOn(ScoreAggregator.Missing::counted)
        .extracting(ScoreAggregator.Missing::state).containsExactly(ScoreAggregator.NOT_SCORED);
  }

  @Test
  void treeRejectsAnUnknownParent() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ScoreTree.of(List.of(info("x", "V9"))))
        .hasMessageContaining("unknown parent V9");
  }
}
