package io.striate.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brain-Score's V1 score tree as the leaderboard computed it in 2022–mid 2024 (spec §1, §7):
 * <pre>
 * V1 = mean(FreemanZiemba2013.V1-pls, Marques2020)
 * Marques2020 = mean of the 7 families (V1-orientation, V1-spatial_frequency, V1-response_selectivity,
 *               V1-receptive_field_size, V1-surround_modulation, V1-texture_modulation, V1-response_magnitude)
 * family = mean of its property benchmarks
 * </pre>
 * The internal nodes are fixed here; leaves attach through {@link BenchmarkInfo#parent()}. A benchmark whose parent
 * is null (e.g. a public split used only for layer selection) stays outside the tree.
 */
public final class ScoreTree {
  public static final String V1 = "V1";
  public static final String MARQUES2020 = "Marques2020";
  public static final String FREEMAN_ZIEMBA_PLS = "FreemanZiemba2013.V1-pls";
  public static final List<String> FAMILIES = List.of("V1-orientation", "V1-spatial_frequency",
      "V1-response_selectivity", "V1-receptive_field_size", "V1-surround_modulation", "V1-texture_modulation",
      "V1-response_magnitude");
  /** Which tree this is, stated beside every aggregate (API, CSV, badge, pages). */
  public static final String DEFINITION = "Striate's V1 tree = mean(FreemanZiemba2013.V1-pls, Marques2020), the V1 "
      + "definition of the Brain-Score leaderboard in 2022-mid 2024 used by the seed paper (NeurIPS 2023); "
      + "brain-score.org's V1 node has gained more children since 2024 (e.g. Coggan2024_fMRI.V1), so its V1 values "
      + "are not directly comparable. Benchmarks whose data is not installed on this instance are pruned for every "
      + "model alike; installed but unscored benchmarks count as 0; ceiled scores are clipped to [0, 1].";
  /** A short id of {@link #DEFINITION} for CSV cells. */
  public static final String DEFINITION_ID = "striate-v1-2023 (FreemanZiemba2013 + Marques2020)";

  private final Map<String, List<String>> children = new LinkedHashMap<>();
  private final Map<String, String> parents = new LinkedHashMap<>();

  private ScoreTree() {
  }

  /** Builds the tree of the fixed internal nodes plus the given benchmarks as leaves. */
  public static ScoreTree of(List<BenchmarkInfo> benchmarks) {
    ScoreTree tree = new ScoreTree();
    tree.node(V1, null);
    tree.node(MARQUES2020, V1);
    FAMILIES.forEach(family -> tree.node(family, MARQUES2020));
    for (BenchmarkInfo info : benchmarks) {
      if (info.parent() != null) {
        if (!tree.children.containsKey(info.parent())) {
          throw new IllegalStateException(info.id() + " names unknown parent " + info.parent());
        }
        tree.parents.put(info.id(), info.parent());
        tree.children.get(info.parent()).add(info.id());
      }
    }
    return tree;
  }

  private void node(String id, String parent) {
    children.put(id, new ArrayList<>());
    if (parent != null) {
      parents.put(id, parent);
      children.get(parent).add(id);
    }
  }

  /** Whether {@code id} is an internal (aggregate) node. */
  public boolean isNode(String id) {
    return children.containsKey(id);
  }

  /** Whether {@code id} is an internal node or a leaf of the tree. */
  public boolean contains(String id) {
    return children.containsKey(id) || parents.containsKey(id);
  }

  public List<String> internalNodes() {
    return List.copyOf(children.keySet());
  }

  public List<String> childrenOf(String node) {
    return List.copyOf(children.getOrDefault(node, List.of()));
  }

  public String parentOf(String id) {
    return parents.get(id);
  }

  /** All leaf benchmark ids below {@code node}, in tree order. */
  public List<String> leavesUnder(String node) {
    List<String> out = new ArrayList<>();
    for (String child : children.getOrDefault(node, List.of())) {
      if (isNode(child)) {
        out.addAll(leavesUnder(child));
      } else {
        out.add(child);
      }
    }
    return out;
  }
}
