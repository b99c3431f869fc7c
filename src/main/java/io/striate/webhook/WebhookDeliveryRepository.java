package io.striate.webhook;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

/**
 * The delivery queue. A claim takes due pending deliveries with {@code FOR UPDATE SKIP LOCKED} (any number of
 * processes send distinct deliveries), counts the attempt and pushes {@code next_attempt_at} out by a lease so that a
 * sender that dies mid-attempt leaves the delivery to be retried.
 */
interface WebhookDeliveryRepository extends JpaRepository<WebhookDelivery, Long> {
  List<WebhookDelivery> findTop100ByWebhookIdOrderByIdDesc(long webhookId);

  @Transactional
  @Query(nativeQuery = true, value = """
      update webhook_delivery set attempts = attempts + 1,
             next_attempt_at = now() + make_interval(secs => :leaseSeconds)
       where id in (select id from webhook_delivery
                     where status = 'pending' and next_attempt_at <= now()
                     order by next_attempt_at, id
                     for update skip locked
                     limit :limit)
      returning id""")
  List<Long> claim(@Param("limit") int limit, @Param("leaseSeconds") double leaseSeconds);

  @Modifying
  @Transactional
  @Query(nativeQuery = true, value = """
      update webhook_delivery set status = 'delivered', response_code = :code, delivered_at = now(),
             next_attempt_at = null, last_error = null
       where id = :id and status = 'pending'""")
  int delivered(@Param("id") long id, @Param("code") int code);

  /** A failed attempt: retried after {@code backoffSeconds}, or failed for good once attempts are spent. */
  @Modifying
  @Transactional
  @Query(nativeQuery = true, value = """
      update webhook_delivery set response_code = :code, last_error = :error,
             status = case when attempts >= :maxAttempts then 'failed' else 'pending' end,
             next_attempt_at = case when attempts >= :maxAttempts then null
                                    else now() + make_interval(secs => :backoffSeconds) end
       where id = :id and status = 'pending'""")
  int attemptFailed(@Param("id") long id, @Param("code") Integer code, @Param("error") String error,
                    @Param("maxAttempts") int maxAttempts, @Param("backoffSeconds") double backoffSeconds);
}
