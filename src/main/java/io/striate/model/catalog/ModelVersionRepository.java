package io.striate.model.catalog;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ModelVersionRepository extends JpaRepository<ModelVersion, Long> {
  Optional<ModelVersion> findByModelIdAndSha256(long modelId, String sha256);

  List<ModelVersion> findByModelIdOrderByIdAsc(long modelId);

  boolean existsBySha256(String sha256);
}
