package io.striate.results;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The read model of a model version's stored results: its scores (one per benchmark and benchmark version) and
 * its layer sweep. Features that show or check results ask here instead of holding the repositories; only the
 * scoring worker writes them.
 */
@Component
@Transactional(readOnly = true)
public class VersionResults {
  private final ScoreRepository scores;
  private final LayerSweepRepository sweeps;

  VersionResults(ScoreRepository scores, LayerSweepRepository sweeps) {
    this.scores = scores;
    this.sweeps = sweeps;
  }

  /** Every score of the version, ordered by benchmark id. */
  public List<Score> scores(long modelVersionId) {
    return scores.findByModelVersionIdOrderByBenchmarkIdAsc(modelVersionId);
  }

  /** The version's score on {@code benchmarkId}, any benchmark version. */
  public Optional<Score> score(long modelVersionId, String benchmarkId) {
    return scores(modelVersionId).stream().filter(s -> s.getBenchmarkId().equals(benchmarkId)).findFirst();
  }

  /** Whether the version already has a score on this exact benchmark version. */
  public boolean isScored(long modelVersionId, String benchmarkId, int benchmarkVersion) {
    return scores.findByModelVersionIdAndBenchmarkIdAndBenchmarkVersion(modelVersionId, benchmarkId, benchmarkVersion)
        .isPresent();
  }

  /** The layer sweep of the version, one row per candidate layer, ordered by layer name. */
  public List<LayerSweepRow> sweep(long modelVersionId) {
    return sweeps.findByModelVersionIdOrderByLayerAsc(modelVersionId);
  }
}
