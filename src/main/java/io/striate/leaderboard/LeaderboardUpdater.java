package io.striate.leaderboard;

import io.striate.benchmark.Benchmark;
import io.striate.benchmark.BenchmarkRegistry;
import io.striate.benchmark.ScoreAggregator;
import io.striate.model.catalog.ModelVersion;
import io.striate.model.catalog.ModelVersionRepository;
import io.striate.results.Score;
import io.striate.results.ScoreRepository;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Recomputes a model's {@link LeaderboardEntry} rows from the scores of a version (inside the transaction that
 * wrote the score). The leaderboard shows each model's most recently scored version; older versions keep their
 * scores but do not replace a newer version's rows.
 */
@Component
public class LeaderboardUpdater {
  private final LeaderboardEntryRepository entries;
  private final ModelVersionRepository versions;
  private final ScoreRepository scores;
  private final BenchmarkRegistry benchmarks;
  private final JsonMapper json;

  LeaderboardUpdater(LeaderboardEntryRepository entries, ModelVersionRepository versions, ScoreRepository scores,
                     BenchmarkRegistry benchmarks, JsonMapper json) {
    this.entries = entries;
    this.versions = versions;
    this.scores = scores;
    this.benchmarks = benchmarks;
    this.json = json;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public void refresh(long modelVersionId) {
    ModelVersion version = versions.findById(modelVersionId).orElseThrow();
    long modelId = version.getModelId();
    entries.lockModel(modelId);
    Long current = entries.currentVersion(modelId);
    if (current != null && current > modelVersionId) {
      return;
    }
    Map<String, ScoreAggregator.NodeValue> nodes = aggregate(modelVersionId);
    entries.deleteByModel(modelId);
    entries.flush();
    Map<String, Double> leaves = leafScores(modelVersionId);
    for (String leaf : benchmarks.tree().leavesUnder(io.striate.benchmark.ScoreTree.V1)) {
      Double v = leaves.get(leaf);
      entries.save(new LeaderboardEntry(modelId, leaf, modelVersionId, v, v, v == null ? 0 : 1, 1, "[]"));
    }
    nodes.forEach((node, v) -> entries.save(new LeaderboardEntry(modelId, node, modelVersionId, v.value(),
        v.meanOfScored(), v.scoredChildren(), v.totalChildren(), json.writeValueAsString(v.missing()))));
  }

  /** The score tree of one version: every internal node's value, with missing children and why. */
  public Map<String, ScoreAggregator.NodeValue> aggregate(long modelVersionId) {
    return ScoreAggregator.aggregate(benchmarks.tree(), leafScores(modelVersionId), unavailableReasons());
  }

  private Map<String, Double> leafScores(long modelVersionId) {
    Map<String, Double> leaves = new HashMap<>();
    for (Score s : scores.findByModelVersionIdOrderByBenchmarkIdAsc(modelVersionId)) {
      Benchmark b = benchmarks.find(s.getBenchmarkId()).orElse(null);
      if (b != null && b.info().version() == s.getBenchmarkVersion() && s.getCeiled() != null) {
        leaves.put(s.getBenchmarkId(), s.getCeiled());
      }
    }
    return leaves;
  }

  private Map<String, String> unavailableReasons() {
    Map<String, String> reasons = new HashMap<>();
    for (Benchmark b : benchmarks.all()) {
      if (!b.availability().available()) {
        reasons.put(b.info().id(), "unavailable: " + b.availability().reason());
      }
    }
    return reasons;
  }
}
