package io.striate.benchmark;

import io.striate.problem.ProblemStatus;
import io.striate.problem.ProblemException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Every {@link Benchmark} bean by id, and the {@link ScoreTree} they form. Resolves what a submission asks
 * for: benchmark ids, score-tree nodes (e.g. {@code V1-orientation}) and the named suite {@code v1}.
 */
@Component
public class BenchmarkRegistry {
  /** The suite a submission gets when it names none: everything under the V1 node. */
  public static final String SUITE_V1 = "v1";
  private final Map<String, Benchmark> byId = new TreeMap<>();
  private final ScoreTree tree;

  public BenchmarkRegistry(List<Benchmark> benchmarks) {
    for (Benchmark b : benchmarks) {
      Benchmark previous = byId.put(b.info().id(), b);
      if (previous != null) {
        throw new IllegalStateException("two benchmarks with id " + b.info().id());
      }
    }
    this.tree = ScoreTree.of(byId.values().stream().map(Benchmark::info).toList());
  }

  public Collection<Benchmark> all() {
    return byId.values();
  }

  public Optional<Benchmark> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public ScoreTree tree() {
    return tree;
  }

  /** The outcome of resolving a request: runnable benchmarks and the ones skipped because data is missing. */
  public record Resolution(List<Benchmark> runnable, Map<String, Availability> unavailable) {
  }

  /**
   * Resolves ids, tree nodes and suites to leaf benchmarks. Unknown names fail with 400 {@code unknown-benchmark}
   * listing the valid ones; a benchmark named explicitly but unavailable fails with 400
   * {@code benchmark-unavailable}; unavailable members of a node or suite are reported as skipped.
   */
  public Resolution resolve(List<String> requested) {
    List<String> names = requested == null || requested.isEmpty() ? List.of(SUITE_V1) : requested;
    Set<String> leaves = new LinkedHashSet<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (byId.containsKey(name)) {
        Availability a = byId.get(name).availability();
        if (!a.available()) {
          throw new ProblemException(ProblemStatus.BAD_REQUEST, "benchmark-unavailable", name + " cannot run here: "
              + a.reason(), "/benchmarks/" + i, a.howTo());
        }
        leaves.add(name);
      } else if (SUITE_V1.equalsIgnoreCase(name)) {
        leaves.addAll(tree.leavesUnder(ScoreTree.V1));
      } else if (tree.isNode(name)) {
        leaves.addAll(tree.leavesUnder(name));
      } else {
        List<String> valid = new ArrayList<>(List.of(SUITE_V1));
        valid.addAll(tree.internalNodes());
        valid.addAll(byId.keySet());
        throw new ProblemException(ProblemStatus.BAD_REQUEST, "unknown-benchmark", "Unknown benchmark '" + name + "'",
            "/benchmarks/" + i, "Use a benchmark id, a score-tree node or the suite 'v1' (see GET /api/v1/benchmarks)",
            Map.of("valid", valid));
      }
    }
    List<Benchmark> runnable = new ArrayList<>();
    Map<String, Availability> unavailable = new TreeMap<>();
    for (String id : leaves) {
      Benchmark b = byId.get(id);
      Availability a = b.availability();
      if (a.available()) {
        runnable.add(b);
      } else {
        unavailable.put(id, a);
      }
    }
    return new Resolution(runnable, unavailable);
  }
}
