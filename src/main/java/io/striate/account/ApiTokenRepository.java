package io.striate.account;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface ApiTokenRepository extends JpaRepository<ApiToken, Long> {
  Optional<ApiToken> findByTokenHash(String tokenHash);

  List<ApiToken> findByOwnerOrderByIdAsc(String owner);

  List<ApiToken> findAllByOrderByIdAsc();

  List<ApiToken> findByMintedBy(Long mintedBy);

  boolean existsByOwner(String owner);
}
