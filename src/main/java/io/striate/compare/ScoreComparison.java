package io.striate.compare;

import io.striate.benchmark.ScoreAggregator;
import io.striate.benchmark.ScoreTree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The arithmetic of a comparison (no I/O). Node values follow the leaderboard rule ({@link ScoreAggregator}: the mean
 * over all direct children, a missing child counts 0) over the benchmarks common to both versions; a node's error is
 * propagated from its children as that of a mean of independent values, {@code √(Σ eᵢ²) / n}.
 */
public final class ScoreComparison {
  private ScoreComparison() {
  }

  /** A leaf score: the ceiled value and its error (NaN or null when unknown). */
  public record Leaf(double value, Double error) {
  }

  public static VersionComparison compare(ScoreTree tree, VersionComparison.Side version, VersionComparison.Side against,
                                   Map<String, Leaf> mine, Map<String, Leaf> theirs, Map<String, String> notCompared) {
    Map<String, Leaf> a = new TreeMap<>();
    Map<String, Leaf> b = new TreeMap<>();
    mine.forEach((id, leaf) -> {
      if (theirs.containsKey(id)) {
        a.put(id, leaf);
        b.put(id, theirs.get(id));
      }
    });
    List<VersionComparison.Row> benchmarks = new ArrayList<>();
    a.forEach((id, leaf) -> benchmarks.add(row(id, leaf.value(), b.get(id).value(), leaf.error(), b.get(id).error())));
    List<VersionComparison.Row> nodes = new ArrayList<>();
    Map<String, ScoreAggregator.NodeValue> va = ScoreAggregator.aggregate(tree, a.keySet(), values(a), Map.of());
    Map<String, ScoreAggregator.NodeValue> vb = ScoreAggregator.aggregate(tree, b.keySet(), values(b), Map.of());
    Map<String, Double> ea = new LinkedHashMap<>();
    Map<String, Double> eb = new LinkedHashMap<>();
    nodeError(tree, ScoreTree.V1, a, ea);
    nodeError(tree, ScoreTree.V1, b, eb);
    for (String node : tree.internalNodes()) {
      Double x = va.get(node) == null ? null : va.get(node).value();
      Double y = vb.get(node) == null ? null : vb.get(node).value();
      if (x != null && y != null) {
        nodes.add(row(node, x, y, ea.get(node), eb.get(node)));
      }
    }
    List<String> worse = new ArrayList<>();
    List<String> better = new ArrayList<>();
    for (List<VersionComparison.Row> rows : List.of(nodes, benchmarks)) {
      for (VersionComparison.Row r : rows) {
        if (r.direction().equals("worse")) {
          worse.add(r.id());
        } else if (r.direction().equals("better")) {
          better.add(r.id());
        }
      }
    }
    String verdict = !worse.isEmpty() ? "worse" : !better.isEmpty() ? "better" : "same";
    return new VersionComparison(version, against, verdict, worse, better, nodes, benchmarks, notCompared);
  }

  public static VersionComparison.Row row(String id, double value, double againstValue, Double error, Double againstError) {
    boolean known = finite(error) && finite(againstError);
    double e1 = finite(error) ? error : 0;
    double e2 = finite(againstError) ? againstError : 0;
    double delta = value - againstValue;
    double combined = Math.sqrt(e1 * e1 + e2 * e2);
    boolean beyond = Math.abs(delta) > combined;
    String direction = !beyond ? "same" : delta < 0 ? "worse" : "better";
    return new VersionComparison.Row(id, value, againstValue, delta, finite(error) ? error : null,
        finite(againstError) ? againstError : null, combined, known, beyond, direction);
  }

  /**
   * Fills {@code out} with the error of every internal node below (and including) {@code node} and returns it, or
   * null when no leaf below is compared. As the values ({@link ScoreAggregator} over the compared benchmarks), a child
   * with no compared leaf below is left out of the mean, so {@code n} counts only the children that are in it.
   */
  private static Double nodeError(ScoreTree tree, String node, Map<String, Leaf> leaves, Map<String, Double> out) {
    double sumSquares = 0;
    int counted = 0;
    for (String child : tree.childrenOf(node)) {
      Double e;
      if (tree.isNode(child)) {
        e = nodeError(tree, child, leaves, out);
      } else {
        Leaf leaf = leaves.get(child);
        e = leaf == null ? null : finite(leaf.error()) ? leaf.error() : 0.0;
      }
      if (e != null) {
        sumSquares += e * e;
        counted++;
      }
    }
    if (counted == 0) {
      return null;
    }
    double error = Math.sqrt(sumSquares) / counted;
    out.put(node, error);
    return error;
  }

  private static Map<String, Double> values(Map<String, Leaf> leaves) {
    Map<String, Double> out = new LinkedHashMap<>();
    leaves.forEach((id, leaf) -> out.put(id, leaf.value()));
    return out;
  }

  private static boolean finite(Double d) {
    return d != null && Double.isFinite(d);
  }
}
