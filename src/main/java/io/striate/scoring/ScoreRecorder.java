package io.striate.scoring;

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

  ScoreRecorder(JobRepository jobs, ScoreRepository scores, LeaderboardUpdater leaderboard, JsonMapper json) {
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
    leaderboard.refresh(job.getModelVersionId());
    return true;
  }
}
