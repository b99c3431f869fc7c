package io.striate.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One event to deliver to one webhook: {@code pending → delivered | failed} after at most
 * {@code striate.webhooks.max-attempts} attempts; state changes happen in {@link WebhookDeliveryRepository}'s
 * guarded statements.
 */
@Entity
@Table(name = "webhook_delivery")
class WebhookDelivery {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  @Column(name = "webhook_id")
  private Long webhookId;
  private String event;
  @JdbcTypeCode(SqlTypes.JSON)
  private String payload;
  private String status;
  private int attempts;
  @Column(name = "response_code")
  private Integer responseCode;
  @Column(name = "last_error")
  private String lastError;
  @Column(name = "next_attempt_at")
  private Instant nextAttemptAt;
  @Column(name = "replay_of")
  private Long replayOf;
  @Column(name = "created_at")
  private Instant createdAt;
  @Column(name = "delivered_at")
  private Instant deliveredAt;

  protected WebhookDelivery() {
  }

  WebhookDelivery(long webhookId, String event, String payload, Long replayOf) {
    this.webhookId = webhookId;
    this.event = event;
    this.payload = payload;
    this.status = "pending";
    this.replayOf = replayOf;
    this.createdAt = Instant.now();
    this.nextAttemptAt = createdAt;
  }

  Long getId() {
    return id;
  }

  Long getWebhookId() {
    return webhookId;
  }

  String getEvent() {
    return event;
  }

  String getPayload() {
    return payload;
  }

  String getStatus() {
    return status;
  }

  int getAttempts() {
    return attempts;
  }

  Integer getResponseCode() {
    return responseCode;
  }

  String getLastError() {
    return lastError;
  }

  Instant getNextAttemptAt() {
    return nextAttemptAt;
  }

  Long getReplayOf() {
    return replayOf;
  }

  Instant getCreatedAt() {
    return createdAt;
  }

  Instant getDeliveredAt() {
    return deliveredAt;
  }
}
