package io.striate.results;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface LayerSweepRepository extends JpaRepository<LayerSweepRow, LayerSweepRow.Key> {
  List<LayerSweepRow> findByModelVersionIdOrderByLayerAsc(long modelVersionId);

  @Modifying
  @Query("delete from LayerSweepRow r where r.modelVersionId = :version and r.benchmarkId = :benchmark")
  void deleteSweep(@Param("version") long modelVersionId, @Param("benchmark") String benchmarkId);
}
