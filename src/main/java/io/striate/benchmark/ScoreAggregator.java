package io.striate.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Aggregates ceiled leaf scores up the {@link ScoreTree} of <em>this instance</em> (spec §7, Brain-Score's
 * {@code populate_final_agg_scores}, plus pruning of what this instance cannot run):
 * <ol>
 *   <li><b>Pruning, the same for every model.</b> A leaf whose data is not installed here is removed from the tree;
 *       an internal node with no installed leaf below it is removed too. Removed children are listed with state
 *       {@code not-installed} and never count.</li>
 *   <li><b>Leaves.</b> A scored leaf is its ceiled score clipped to [0, 1] (Brain-Score clips since 2026). An
 *       installed leaf without a score for this model (failed, queued, never requested) has no value and counts as
 *       0 in its parent — Brain-Score's rule against cherry-picking benchmarks.</li>
 *   <li><b>Parents.</b> A parent is the unweighted mean over its remaining (installed) children, a child without a
 *       value counting 0; a parent none of whose children has a value has no value itself (Brain-Score: all NaN →
 *       NaN).</li>
 * </ol>
 * When every leaf below a node is installed, pruning removes nothing and the value is exactly Brain-Score's rule.
 * Beside the value each node carries {@code meanOfScored} (the plain mean over the scored leaves below it, at any
 * depth), its coverage (installed and scored leaves of all leaves below it) and the state of each direct child
 * without a value.
 */
public final class ScoreAggregator {
  /** Scored leaves are clipped into this range before aggregation. */
  public static final double MIN_SCORE = 0;
  public static final double MAX_SCORE = 1;

  /** Child states (a leaf's or an internal node's) shown beside a node. */
  public static final String NOT_INSTALLED = "not-installed";
  public static final String FAILED = "failed";
  public static final String NOT_SCORED = "not-scored";

  private ScoreAggregator() {
  }

  /**
   * A direct child without a value.
   *
   * @param state  {@value #NOT_INSTALLED} (pruned, does not count), {@value #FAILED} or {@value #NOT_SCORED}
   *               (both count as 0)
   * @param reason why, in words
   */
  public record Missing(String id, String state, String reason) {
    /** Whether the child still counts (as 0) in its parent's mean. */
    public boolean counted() {
      return !NOT_INSTALLED.equals(state);
    }
  }

  /**
   * @param value           the leaderboard value (uncounted children pruned, unscored installed ones 0), null
   *                        when nothing below was scored or nothing below is installed
   * @param meanOfScored    plain mean over the scored, installed leaves below this node (any depth), null if none
   * @param scoredChildren  direct children with a value
   * @param totalChildren   direct children that count (installed), the denominator of {@code value}
   * @param scoredLeaves    installed leaves below with a score for this model
   * @param installedLeaves leaves below whose data is installed here
   * @param totalLeaves     leaves below in the tree definition
   * @param coverage        e.g. "V1: 7 of 23 benchmarks installed"
   * @param missing         direct children without a value, with their state
   */
  public record NodeValue(Double value, Double meanOfScored, int scoredChildren, int totalChildren,
                          int scoredLeaves, int installedLeaves, int totalLeaves, String coverage,
                          List<Missing> missing) {
  }

  /** How an unscored installed leaf is described; a leaf absent from the map is {@value #NOT_SCORED}. */
  public record LeafState(String state, String reason) {
  }

  /**
   * @param installed    ids of the leaves whose data is installed on this instance
   * @param ceiledByLeaf ceiled score of each scored leaf (NaN counts as not scored)
   * @param unscored     state of installed leaves without a score (e.g. failed with its message); default
   *                     {@value #NOT_SCORED}; also the reason text of not-installed leaves
   * @return a value for every internal node of the tree, pruned ones included (with a null value)
   */
  public static Map<String, NodeValue> aggregate(ScoreTree tree, Set<String> installed,
                                                 Map<String, Double> ceiledByLeaf, Map<String, LeafState> unscored) {
    Map<String, NodeValue> out = new LinkedHashMap<>();
    new Walk(tree, installed, ceiledByLeaf, unscored, out).node(ScoreTree.V1);
    return out;
  }

  /** Clips a ceiled score into [{@value #MIN_SCORE}, {@value #MAX_SCORE}]. */
  public static double clip(double ceiled) {
    return Math.max(MIN_SCORE, Math.min(MAX_SCORE, ceiled));
  }

  /** The coverage sentence of a node. */
  public static String coverage(String node, int installedLeaves, int totalLeaves) {
    return node + ": " + installedLeaves + " of " + totalLeaves + " benchmark" + (totalLeaves == 1 ? "" : "s")
        + " installed";
  }

  private record Walk(ScoreTree tree, Set<String> installed, Map<String, Double> leaves,
                      Map<String, LeafState> unscored, Map<String, NodeValue> out) {

    /** Sums over the scored leaves below a node, for the true mean of scored. */
    private record Below(Double value, double scoredSum, int scored, int installed, int total) {
    }

    Below node(String node) {
      double sum = 0;
      int counted = 0;
      int withValue = 0;
      double scoredSum = 0;
      int scoredLeaves = 0;
      int installedLeaves = 0;
      int totalLeaves = 0;
      List<Missing> missing = new ArrayList<>();
      for (String child : tree.childrenOf(node)) {
        Below b = tree.isNode(child) ? node(child) : leaf(child);
        scoredSum += b.scoredSum();
        scoredLeaves += b.scored();
        installedLeaves += b.installed();
        totalLeaves += b.total();
        if (b.installed() == 0) {
          missing.add(new Missing(child, NOT_INSTALLED, tree.isNode(child) ? "no benchmark below is installed here"
              : reason(child, "data not installed here")));
          continue;
        }
        counted++;
        if (b.value() == null) {
          missing.add(tree.isNode(child) ? new Missing(child, NOT_SCORED, "nothing below was scored")
              : leafMissing(child));
        } else {
          sum += b.value();
          withValue++;
        }
      }
      Double value = withValue == 0 ? null : sum / counted;
      out.put(node, new NodeValue(value, scoredLeaves == 0 ? null : scoredSum / scoredLeaves, withValue, counted,
          scoredLeaves, installedLeaves, totalLeaves, coverage(node, installedLeaves, totalLeaves),
          List.copyOf(missing)));
      return new Below(value, scoredSum, scoredLeaves, installedLeaves, totalLeaves);
    }

    private Below leaf(String id) {
      if (!installed.contains(id)) {
        return new Below(null, 0, 0, 0, 1);
      }
      Double ceiled = leaves.get(id);
      if (ceiled == null || ceiled.isNaN()) {
        return new Below(null, 0, 0, 1, 1);
      }
      double v = clip(ceiled);
      return new Below(v, v, 1, 1, 1);
    }

    private Missing leafMissing(String id) {
      LeafState s = unscored.get(id);
      if (s == null || NOT_INSTALLED.equals(s.state())) {
        return new Missing(id, NOT_SCORED, "not scored for this model");
      }
      return new Missing(id, s.state(), s.reason());
    }

    private String reason(String id, String fallback) {
      LeafState s = unscored.get(id);
      return s == null || s.reason() == null ? fallback : s.reason();
    }
  }
}
