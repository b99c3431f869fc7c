package io.striate.model.catalog;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ModelVersionRepository extends JpaRepository<ModelVersion, Long> {
  Optional<ModelVersion> findByModelIdAndIdentity(long modelId, String identity);

  /** A block-spec version registered before V14, whose identity hashes the spec's pre-RFC 8785 canonical form. */
  @Query(nativeQuery = true, value = "select * from model_version where model_id = :modelId and identity = :identity"
      + " and canonical_json = 'sorted-keys'")
  Optional<ModelVersion> findSortedKeysIdentity(@Param("modelId") long modelId, @Param("identity") String identity);

  List<ModelVersion> findByModelIdOrderByIdAsc(long modelId);

  boolean existsBySha256(String sha256);
}
