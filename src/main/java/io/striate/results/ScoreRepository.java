package io.striate.results;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ScoreRepository extends JpaRepository<Score, Long> {
  List<Score> findByModelVersionIdOrderByBenchmarkIdAsc(long modelVersionId);

  List<Score> findByModelVersionIdIn(List<Long> modelVersionIds);

  Optional<Score> findByModelVersionIdAndBenchmarkIdAndBenchmarkVersion(long modelVersionId, String benchmarkId,
                                                                        int benchmarkVersion);
}
