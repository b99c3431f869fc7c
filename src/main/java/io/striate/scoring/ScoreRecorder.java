package io.striate.scoring;

import io.striate.results.LayerSweepRepository;
import io.striate.results.LayerSweepRow;
import io.striate.results.ScoreRepository;
import io.striate.results.Score;
import io.striate.benchmark.BenchmarkInfo;
import io.striate.benchmark.BenchmarkScore;
import io.striate.leaderboard.LeaderboardUpdater;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a finished job's result in one transaction: the job becomes {@code succeeded}, its score replaces any
 * earlier score of the same benchmark version, and the model's leaderboard rows are recomputed. A worker that
 * lost its lease meanwhile writes nothing (the job belongs to another attempt now).
 */
@Component
class ScoreRecorder {
  private final JobRepository jobs;
  private final ScoreRepository scores;
  private final LeaderboardUpdater leaderboard;
  private final JsonMapper json;
  private final LayerSweepRepository sweeps;
  private final io.striate.model.catalog.ModelVersionRepository versions;
  private final String layerSelectionBenchmark;

  ScoreRecorder(JobRepository jobs, ScoreRepository scores, LeaderboardUpdater leaderboard, JsonMapper json,
                LayerSweepRepository sweeps, io.striate.model.catalog.ModelVersionRepository versions,
                io.striate.config.StriateProperties properties) {
    this.sweeps = sweeps;
    this.versions = versions;
    this.layerSelectionBenchmark = properties.scoring().layerSelectionBenchmark();
    this.jobs = jobs;
    this.scores = scores;
    this.leaderboard = leaderboard;
    this.json = json;
  }

  /** @return false when the lease was lost and nothing was written */
  @Transactional
  public boolean record(Job job, String worker, BenchmarkInfo info, BenchmarkScore result) {
    if (jobs.succeed(job.getId(), worker) == 0) {
      return false;
    }
    scores.findByModelVersionIdAndBenchmarkIdAndBenchmarkVersion(job.getModelVersionId(), info.id(), info.version())
        .ifPresent(old -> {
          scores.delete(old);
          scores.flush();
        });
    scores.save(new Score(job.getId(), job.getModelVersionId(), info.id(), info.version(), result.raw(),
        result.ceiling(), result.ceiled(), result.error(), result.layer(), result.formulaId(),
        json.writeValueAsString(result.details())));
    scores.flush();
    if (info.id().equals(layerSelectionBenchmark)) {
      commitLayer(job.getModelVersionId(), info.id(), result);
    }
    leaderboard.refresh(job.getModelVersionId());
    return true;
  }

  /**
   * Keeps the sweep ({@code details.sweep}: one {@code {layer, raw, ceiled, error}} per candidate layer) and commits
   * the best layer ({@link BenchmarkScore#layer()}) as the version's V1 layer unless the submitter pinned one.
   */
  private void commitLayer(long versionId, String benchmarkId, BenchmarkScore result) {
    sweeps.deleteSweep(versionId, benchmarkId);
    sweeps.flush();
    if (result.details().get("sweep") instanceof java.util.List<?> rows) {
      for (Object row : rows) {
        if (row instanceof java.util.Map<?, ?> r && r.get("layer") != null) {
          String layer = r.get("layer").toString();
          sweeps.save(new LayerSweepRow(versionId, benchmarkId, layer, number(r.get("raw")), number(r.get("ceiled")),
              number(r.get("error")), layer.equals(result.layer())));
        }
      }
    }
    versions.findById(versionId).ifPresent(v -> v.commitV1Layer(result.layer(), "sweep"));
  }

  private static Double number(Object value) {
    return value instanceof Number n ? n.doubleValue() : null;
  }
}
