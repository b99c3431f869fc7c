package io.striate.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** An owner's endpoint for events ({@link WebhookEvents}); deliveries are signed with its secret. */
@Entity
@Table(name = "webhook")
class Webhook {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  private String owner;
  private String url;
  private String events;
  private String secret;
  @Column(name = "created_at")
  private Instant createdAt;
  @Column(name = "disabled_at")
  private Instant disabledAt;

  protected Webhook() {
  }

  Webhook(String owner, String url, List<String> events, String secret) {
    this.owner = owner;
    this.url = url;
    this.events = String.join(",", events);
    this.secret = secret;
    this.createdAt = Instant.now();
  }

  Long getId() {
    return id;
  }

  String getOwner() {
    return owner;
  }

  String getUrl() {
    return url;
  }

  List<String> getEvents() {
    return Arrays.asList(events.split(","));
  }

  String getSecret() {
    return secret;
  }

  Instant getCreatedAt() {
    return createdAt;
  }

  Instant getDisabledAt() {
    return disabledAt;
  }

  void disable() {
    this.disabledAt = Instant.now();
  }
}
