package io.striate.submission;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A request to score one model version on a set of benchmarks; it becomes one job per benchmark. */
@Entity
@Table(name = "submission")
class Submission {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  @Column(name = "model_version_id")
  private Long modelVersionId;
  private String owner;
  @Column(name = "idempotency_key")
  private String idempotencyKey;
  @Column(name = "request_hash")
  private String requestHash;
  private String benchmarks;
  private String requested;
  @Column(name = "already_scored")
  private String alreadyScored = "";
  @Column(name = "created_at")
  private Instant createdAt;

  protected Submission() {
  }

  Submission(long modelVersionId, String owner, String idempotencyKey, String requestHash, List<String> benchmarks) {
    this.modelVersionId = modelVersionId;
    this.owner = owner;
    this.idempotencyKey = idempotencyKey;
    this.requestHash = requestHash;
    this.benchmarks = String.join(",", benchmarks);
    this.createdAt = Instant.now();
  }

  /**
   * @param requested     the benchmarks as the client named them (empty: none, the default applied)
   * @param alreadyScored benchmarks asked for but not queued because the version already has a current score
   */
  Submission(long modelVersionId, String owner, String idempotencyKey, String requestHash, List<String> benchmarks,
             List<String> requested, List<String> alreadyScored) {
    this(modelVersionId, owner, idempotencyKey, requestHash, benchmarks);
    this.requested = String.join(",", requested);
    this.alreadyScored = String.join(",", alreadyScored);
  }

  Long getId() {
    return id;
  }

  Long getModelVersionId() {
    return modelVersionId;
  }

  String getOwner() {
    return owner;
  }

  String getRequestHash() {
    return requestHash;
  }

  List<String> getBenchmarks() {
    return benchmarks.isEmpty() ? List.of() : Arrays.asList(benchmarks.split(","));
  }

  /** As the client named them (empty: none named); null for submissions made before this was kept. */
  List<String> getRequested() {
    return requested == null ? null : requested.isEmpty() ? List.of() : Arrays.asList(requested.split(","));
  }

  List<String> getAlreadyScored() {
    return alreadyScored == null || alreadyScored.isEmpty() ? List.of() : Arrays.asList(alreadyScored.split(","));
  }

  Instant getCreatedAt() {
    return createdAt;
  }
}
