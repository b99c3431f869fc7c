package io.striate.leaderboard;

import io.striate.benchmark.ScoreAggregator;
import io.striate.model.catalog.ModelVersion;
import io.striate.model.catalog.ModelVersionRepository;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Recomputes a model's {@link LeaderboardEntry} rows from the scores of a version (inside the transaction that
 * wrote the score), aggregated over this instance's pruned score tree ({@link ScoreAggregator}). The leaderboard
 * shows each model's most recently scored version; older versions keep their scores but do not replace a newer
 * version's rows. When the set of installed benchmarks changes (a dataset import), every model's rows are
 * recomputed before the next read ({@link #ensureCurrent()}), so that all models are ranked on the same tree.
 */
@Component
public class LeaderboardUpdater {
  private static final Logger log = LoggerFactory.getLogger(LeaderboardUpdater.class);
  private final LeaderboardEntryRepository entries;
  private final ModelVersionRepository versions;
  private final BenchmarkStates states;
  private final JsonMapper json;
  private final TransactionTemplate tx;
  private final AtomicReference<Set<String>> rankedOn = new AtomicReference<>();
  private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

  LeaderboardUpdater(LeaderboardEntryRepository entries, ModelVersionRepository versions, BenchmarkStates states,
                     JsonMapper json, TransactionTemplate tx) {
    this.entries = entries;
    this.versions = versions;
    this.states = states;
    this.json = json;
    this.tx = tx;
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
    Map<String, BenchmarkStates.State> leaves = states.of(modelVersionId);
    Map<String, ScoreAggregator.NodeValue> nodes = states.aggregate(leaves);
    entries.deleteByModel(modelId);
    entries.flush();
    leaves.forEach((leaf, s) -> {
      boolean installed = !BenchmarkStates.NOT_INSTALLED.equals(s.state());
      Double v = installed && s.ceiled() != null ? ScoreAggregator.clip(s.ceiled()) : null;
      entries.save(new LeaderboardEntry(modelId, leaf, modelVersionId, v, v, v == null ? 0 : 1, installed ? 1 : 0,
          "[]", new LeaderboardEntry.Coverage(v == null ? 0 : 1, installed ? 1 : 0, 1,
          ScoreAggregator.coverage(leaf, installed ? 1 : 0, 1)), v == null ? null : s.error()));
    });
    nodes.forEach((node, v) -> entries.save(new LeaderboardEntry(modelId, node, modelVersionId, v.value(),
        v.meanOfScored(), v.scoredChildren(), v.totalChildren(), json.writeValueAsString(v.missing()),
        new LeaderboardEntry.Coverage(v.scoredLeaves(), v.installedLeaves(), v.totalLeaves(), v.coverage()),
        null)));
    generation.incrementAndGet();
  }

  /** Bumped by every refresh: readers keep derived values (column ranges) while it stays the same. */
  public long generation() {
    return generation.get();
  }

  /** The score tree of one version: every internal node's value, its coverage, and unscored children's states. */
  public Map<String, ScoreAggregator.NodeValue> aggregate(long modelVersionId) {
    return states.aggregate(states.of(modelVersionId));
  }

  /**
   * Recomputes every model's rows when the installed benchmarks differ from those the rows were computed on (after a
   * dataset import; the set is kept in {@code leaderboard_basis}, so a restart recomputes nothing when it did not
   * change). Cheap when nothing changed: one availability check per leaf.
   */
  public void ensureCurrent() {
    Set<String> installed = states.installed();
    if (installed.equals(rankedOn.get())) {
      return;
    }
    synchronized (this) {
      if (installed.equals(rankedOn.get())) {
        return;
      }
      String basis = String.join(",", installed);
      if (basis.equals(entries.basis())) {
        rankedOn.set(installed);
        return;
      }
      var current = entries.currentVersions();
      for (Long versionId : current) {
        tx.executeWithoutResult(s -> refresh(versionId));
      }
      log.info("Leaderboard ranked on the {} installed benchmarks of the score tree ({} models recomputed)",
          installed.size(), current.size());
      tx.executeWithoutResult(s -> entries.saveBasis(basis));
      rankedOn.set(installed);
      generation.incrementAndGet();
    }
  }
}
