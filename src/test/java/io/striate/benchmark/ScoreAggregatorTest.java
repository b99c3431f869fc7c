package io.striate.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoreAggregatorTest {
  /** Spec §7 gives family and parent values rounded to three decimals. */
  private static final double PUBLISHED_ROUNDING = 0.0015;
  private static final double EXACT = 1e-12;

  /** One leaf per family plus the FreemanZiemba predictivity leaf. */
  private static ScoreTree tree() {
    List<BenchmarkInfo> leaves = new ArrayList<>();
    leaves.add(info(ScoreTree.FREEMAN_ZIEMBA_PLS, ScoreTree.V1));
    ScoreTree.FAMILIES.forEach(f -> leaves.add(info("leaf-" + f, f)));
    return ScoreTree.of(leaves);
  }

  private static BenchmarkInfo info(String id, String parent) {
    return new BenchmarkInfo(id, 1, parent, id, "", null, "");
  }

  @Test
  void reproducesTheAlexNetV1ScoreOfSpecSection7() {
    // Spec §7 table "AlexNet, assembled from the Brain-Score test anchors": family values, FZ V1 (v2) 0.285,
    // Marques2020 0.699, V1 (v2 rule) 0.492.
    double[] families = {0.899, 0.857, 0.624, 0.505, 0.381, 0.785, 0.843};
    Map<String, Double> leaves = new HashMap<>();
    leaves.put(ScoreTree.FREEMAN_ZIEMBA_PLS, 0.285);
    for (int i = 0; i < families.length; i++) {
      leaves.put("leaf-" + ScoreTree.FAMILIES.get(i), families[i]);
    }
    var nodes = ScoreAggregator.aggregate(tree(), leaves, Map.of());
    assertThat(nodes.get(ScoreTree.MARQUES2020).value()).isCloseTo(0.699, within(PUBLISHED_ROUNDING));
    assertThat(nodes.get(ScoreTree.V1).value()).isCloseTo(0.492, within(PUBLISHED_ROUNDING));
    assertThat(nodes.get(ScoreTree.V1).missing()).isEmpty();
  }

  @Test
  void missingChildrenCountAsZeroButAreListedAndTheScoredMeanIsKept() {
    Map<String, Double> leaves = Map.of(ScoreTree.FREEMAN_ZIEMBA_PLS, 0.4, "leaf-V1-orientation", 0.7);
    var nodes = ScoreAggregator.aggregate(tree(), leaves, Map.of("leaf-V1-texture_modulation",
        "unavailable: data not imported"));
    var marques = nodes.get(ScoreTree.MARQUES2020);
    assertThat(marques.value()).isCloseTo(0.7 / 7, within(EXACT));
    assertThat(marques.meanOfScored()).isCloseTo(0.7, within(EXACT));
    assertThat(marques.scoredChildren()).isEqualTo(1);
    assertThat(marques.totalChildren()).isEqualTo(7);
    assertThat(marques.missing()).hasSize(6);
    var texture = nodes.get("V1-texture_modulation");
    assertThat(texture.value()).isNull();
    assertThat(texture.missing()).containsExactly(new ScoreAggregator.Missing("leaf-V1-texture_modulation",
        "unavailable: data not imported"));
    assertThat(nodes.get(ScoreTree.V1).value()).isCloseTo((0.4 + 0.1) / 2, within(EXACT));
  }

  @Test
  void aParentWithNothingScoredIsNotScoredRatherThanZero() {
    var nodes = ScoreAggregator.aggregate(tree(), Map.of("leaf-V1-orientation", Double.NaN), Map.of());
    assertThat(nodes.get(ScoreTree.V1).value()).isNull();
    assertThat(nodes.get("V1-orientation").missing()).extracting(ScoreAggregator.Missing::reason)
        .containsExactly("not scored");
  }

  @Test
  void treeRejectsAnUnknownParent() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ScoreTree.of(List.of(info("x", "V9"))))
        .hasMessageContaining("unknown parent V9");
  }
}
