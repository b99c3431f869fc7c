package io.striate.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Aggregates ceiled leaf scores up the {@link ScoreTree} by the Brain-Score leaderboard rule (spec §7,
 * {@code populate_final_agg_scores}): a parent is the unweighted mean over all its direct children, a missing or
 * NaN child counts as 0, and a parent whose children are all missing is itself not scored. Alongside, the mean
 * over the scored children only and the list of missing children with the reason are kept, so nothing is hidden.
 */
public final class ScoreAggregator {
  private ScoreAggregator() {
  }

  /** Why a child has no value. */
  public record Missing(String id, String reason) {
  }

  /**
   * @param value          the leaderboard value (missing children count 0), null when nothing below was scored
   * @param meanOfScored   mean over the children that have a value, null when none has
   * @param scoredChildren direct children with a value
   * @param totalChildren  direct children
   * @param missing        direct children without a value, and why
   */
  public record NodeValue(Double value, Double meanOfScored, int scoredChildren, int totalChildren,
                          List<Missing> missing) {
  }

  /**
   * @param ceiledByLeaf ceiled score of each scored leaf
   * @param reasons      why an unscored leaf has no score (e.g. "unavailable: data not imported"); default
   *                     "not scored"
   * @return a value for every internal node of the tree
   */
  public static Map<String, NodeValue> aggregate(ScoreTree tree, Map<String, Double> ceiledByLeaf,
                                                 Map<String, String> reasons) {
    Map<String, NodeValue> out = new LinkedHashMap<>();
    compute(tree, ScoreTree.V1, ceiledByLeaf, reasons, out);
    return out;
  }

  private static Double compute(String node, ScoreTree tree, Map<String, Double> leaves, Map<String, String> reasons,
                                Map<String, NodeValue> out) {
    return compute(tree, node, leaves, reasons, out);
  }

  private static Double compute(ScoreTree tree, String node, Map<String, Double> leaves, Map<String, String> reasons,
                                Map<String, NodeValue> out) {
    List<String> children = tree.childrenOf(node);
    double sum = 0;
    int scored = 0;
    List<Missing> missing = new ArrayList<>();
    for (String child : children) {
      Double v = tree.isNode(child) ? compute(child, tree, leaves, reasons, out) : leaves.get(child);
      if (v == null || v.isNaN()) {
        missing.add(new Missing(child, tree.isNode(child) ? "nothing below was scored"
            : reasons.getOrDefault(child, "not scored")));
      } else {
        sum += v;
        scored++;
      }
    }
    Double value = scored == 0 ? null : sum / children.size();
    Double meanOfScored = scored == 0 ? null : sum / scored;
    out.put(node, new NodeValue(value, meanOfScored, scored, children.size(), missing));
    return value;
  }
}
