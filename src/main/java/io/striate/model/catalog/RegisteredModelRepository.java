package io.striate.model.catalog;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface RegisteredModelRepository extends JpaRepository<RegisteredModel, Long> {
  Optional<RegisteredModel> findByOwnerAndName(String owner, String name);

  List<RegisteredModel> findByNameOrderByIdAsc(String name);
}
