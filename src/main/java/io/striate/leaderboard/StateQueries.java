package io.striate.leaderboard;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/** The two reads behind {@link BenchmarkStates}: score values (without their details) and each benchmark's last job. */
interface StateQueries extends Repository<LeaderboardEntry, LeaderboardEntry.Key> {

  /** A score row without its (large) details document. */
  interface ScoreValue {
    Long getModelVersionId();

    String getBenchmarkId();

    Integer getBenchmarkVersion();

    Double getCeiled();

    Double getError();
  }

  /** The last job of each (version, benchmark). */
  interface LastJob {
    Long getId();

    Long getModelVersionId();

    String getBenchmarkId();

    String getState();

    String getFailureKind();

    String getFailureMessage();

    Integer getAttempts();
  }

  @Query(nativeQuery = true, value = """
      select model_version_id as modelVersionId, benchmark_id as benchmarkId,
             benchmark_version as benchmarkVersion, ceiled, error
        from score where model_version_id in (:ids)""")
  List<ScoreValue> scores(@Param("ids") Collection<Long> versionIds);

  @Query(nativeQuery = true, value = """
      select distinct on (model_version_id, benchmark_id) id, model_version_id as modelVersionId,
             benchmark_id as benchmarkId, state, failure_kind as failureKind, failure_message as failureMessage,
             attempts
        from job where model_version_id in (:ids)
       order by model_version_id, benchmark_id, id desc""")
  List<LastJob> lastJobs(@Param("ids") Collection<Long> versionIds);
}
