package io.striate.study;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A component-ablation study: a named group of model versions (its variants) compared with a baseline version. */
@Entity
@Table(name = "study")
public class Study {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  private String owner;
  private String name;
  @Column(name = "baseline_version_id")
  private Long baselineVersionId;
  @Column(name = "created_at")
  private Instant createdAt;

  protected Study() {
  }

  public Study(String owner, String name, long baselineVersionId) {
    this.owner = owner;
    this.name = name;
    this.baselineVersionId = baselineVersionId;
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

  public Long getBaselineVersionId() {
    return baselineVersionId;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
