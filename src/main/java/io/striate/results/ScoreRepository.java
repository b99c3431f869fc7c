package io.striate.results;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ScoreRepository extends JpaRepository<Score, Long> {
  List<Score> findByModelVersionIdOrderByBenchmarkIdAsc(long modelVersionId);

  List<Score> findByModelVersionIdIn(List<Long> modelVersionIds);

  Optional<Score> findByModelVersionIdAndBenchmarkIdAndBenchmarkVersion(long modelVersionId, String benchmarkId,
                                                                        int benchmarkVersion);

  /**
   * Records a score idempotently: inserts it, or replaces the score of the same (version, benchmark, benchmark
   * version) in one statement, so concurrent recordings of one score never conflict.
   */
  @Modifying
  @Query(nativeQuery = true, value = """
      insert into score (job_id, model_version_id, benchmark_id, benchmark_version, raw, ceiling, ceiled, error,
                         layer, formula_id, details, created_at)
      values (:jobId, :versionId, :benchmarkId, :benchmarkVersion, cast(:raw as double precision),
              cast(:ceiling as double precision), cast(:ceiled as double precision), cast(:error as double precision),
              cast(:layer as text), cast(:formulaId as text), cast(:details as jsonb), now())
      on conflict (model_version_id, benchmark_id, benchmark_version) do update
         set job_id = excluded.job_id, raw = excluded.raw, ceiling = excluded.ceiling, ceiled = excluded.ceiled,
             error = excluded.error, layer = excluded.layer, formula_id = excluded.formula_id,
             details = excluded.details, created_at = excluded.created_at""")
  int upsert(@Param("jobId") Long jobId, @Param("versionId") long versionId, @Param("benchmarkId") String benchmarkId,
             @Param("benchmarkVersion") int benchmarkVersion, @Param("raw") Double raw,
             @Param("ceiling") Double ceiling, @Param("ceiled") Double ceiled, @Param("error") Double error,
             @Param("layer") String layer, @Param("formulaId") String formulaId, @Param("details") String details);
}
