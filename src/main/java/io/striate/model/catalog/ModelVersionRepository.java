package io.striate.model.catalog;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ModelVersionRepository extends JpaRepository<ModelVersion, Long> {
  Optional<ModelVersion> findByModelIdAndIdentity(long modelId, String identity);

  List<ModelVersion> findByModelIdOrderByIdAsc(long modelId);

  boolean existsBySha256(String sha256);
}
