package io.striate.webhook;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface WebhookRepository extends JpaRepository<Webhook, Long> {
  List<Webhook> findByOwnerAndDisabledAtIsNullOrderByIdAsc(String owner);
}
