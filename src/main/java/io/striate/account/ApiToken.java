package io.striate.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Set;

/** A stored API token: only the sha-256 of its secret is kept. */
@Entity
@Table(name = "api_token")
public class ApiToken {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  private String owner;
  private String name;
  @Column(name = "token_hash")
  private String tokenHash;
  @Column(name = "token_prefix")
  private String tokenPrefix;
  private String scopes;
  @Column(name = "created_at")
  private Instant createdAt;
  @Column(name = "last_used_at")
  private Instant lastUsedAt;
  @Column(name = "revoked_at")
  private Instant revokedAt;
  /** The token this one was created with (null for the bootstrap admin and admin-created tokens). */
  @Column(name = "minted_by")
  private Long mintedBy;

  protected ApiToken() {
  }

  ApiToken(String owner, String name, String tokenHash, String tokenPrefix, Set<Scope> scopes, Long mintedBy) {
    this.mintedBy = mintedBy;
    this.owner = owner;
    this.name = name;
    this.tokenHash = tokenHash;
    this.tokenPrefix = tokenPrefix;
    this.scopes = Scope.join(scopes);
    this.createdAt = Instant.now();
  }

  public Long getId() {
    return id;
  }

  public String getOwner() {
    return owner;
  }

  public String getName() {
    return name;
  }

  public String getTokenPrefix() {
    return tokenPrefix;
  }

  public Set<Scope> getScopes() {
    return Scope.split(scopes);
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getLastUsedAt() {
    return lastUsedAt;
  }

  public Instant getRevokedAt() {
    return revokedAt;
  }

  public Long getMintedBy() {
    return mintedBy;
  }

  public boolean isRevoked() {
    return revokedAt != null;
  }

  void revoke() {
    if (revokedAt == null) {
      revokedAt = Instant.now();
    }
  }

  void touch(Instant now) {
    lastUsedAt = now;
  }
}
