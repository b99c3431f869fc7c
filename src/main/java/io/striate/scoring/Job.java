package io.striate.scoring;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One benchmark to run on one model version. State machine:
 * {@code queued → running(stage, progress) → succeeded | failed(kind, message) | cancelled}; a running job whose
 * lease expires returns to {@code queued} (keeping its place) until {@code maxAttempts} is spent, or is quarantined
 * ({@code failed}, {@code invalid-model}) once it has stopped its worker {@code striate.worker.max-lost-leases}
 * times. At most one job per (version, benchmark, benchmark version) is queued or running (a unique partial
 * index). Each claim starts an attempt, numbered by {@code attempts}; every write of a worker names its attempt,
 * so an attempt that lost its lease changes nothing. State changes happen in
 * {@link JobRepository}'s native statements, never by mutating this entity.
 */
@Entity
@Table(name = "job")
public class Job {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  @Column(name = "submission_id")
  private Long submissionId;
  @Column(name = "model_version_id")
  private Long modelVersionId;
  @Column(name = "benchmark_id")
  private String benchmarkId;
  private String state;
  private int attempts;
  @Column(name = "max_attempts")
  private int maxAttempts;
  @Column(name = "run_after")
  private Instant runAfter;
  @Column(name = "lease_owner")
  private String leaseOwner;
  @Column(name = "lease_expires_at")
  private Instant leaseExpiresAt;
  private String stage;
  private double progress;
  @Column(name = "failure_kind")
  private String failureKind;
  @Column(name = "failure_message")
  private String failureMessage;
  @Column(name = "created_at")
  private Instant createdAt;
  @Column(name = "started_at")
  private Instant startedAt;
  @Column(name = "finished_at")
  private Instant finishedAt;
  @Column(name = "depends_on")
  private Long dependsOn;
  @Column(name = "benchmark_version")
  private int benchmarkVersion = 1;
  @Column(name = "lost_leases")
  private int lostLeases;
  @Column(name = "peak_memory_bytes")
  private Long peakMemoryBytes;
  @Column(name = "batch_size")
  private Integer batchSize;
  @Column(name = "forward_images")
  private Integer forwardImages;
  @Column(name = "images_per_second")
  private Double imagesPerSecond;

  protected Job() {
  }

  public Job(long submissionId, long modelVersionId, String benchmarkId, int maxAttempts, Long dependsOn) {
    this(submissionId, modelVersionId, benchmarkId, maxAttempts);
    this.dependsOn = dependsOn;
  }

  public Job(long submissionId, long modelVersionId, String benchmarkId, int maxAttempts) {
    this.submissionId = submissionId;
    this.modelVersionId = modelVersionId;
    this.benchmarkId = benchmarkId;
    this.state = "queued";
    this.maxAttempts = maxAttempts;
    this.createdAt = Instant.now();
    this.runAfter = createdAt;
  }

  public Long getId() {
    return id;
  }

  public Long getSubmissionId() {
    return submissionId;
  }

  public Long getModelVersionId() {
    return modelVersionId;
  }

  public String getBenchmarkId() {
    return benchmarkId;
  }

  public String getState() {
    return state;
  }

  public int getAttempts() {
    return attempts;
  }

  public int getMaxAttempts() {
    return maxAttempts;
  }

  public Instant getRunAfter() {
    return runAfter;
  }

  public String getLeaseOwner() {
    return leaseOwner;
  }

  public Instant getLeaseExpiresAt() {
    return leaseExpiresAt;
  }

  public String getStage() {
    return stage;
  }

  public double getProgress() {
    return progress;
  }

  public String getFailureKind() {
    return failureKind;
  }

  public String getFailureMessage() {
    return failureMessage;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getStartedAt() {
    return startedAt;
  }

  /** The job that must finish first (the version's layer sweep), or null. */
  public Long getDependsOn() {
    return dependsOn;
  }

  /** The benchmark version the job was queued for. */
  public int getBenchmarkVersion() {
    return benchmarkVersion;
  }

  /** Attempts whose lease expired because the worker died or hung. */
  public int getLostLeases() {
    return lostLeases;
  }

  /** Peak resident memory of the worker while the last attempt ran, bytes (null before a worker measured it). */
  public Long getPeakMemoryBytes() {
    return peakMemoryBytes;
  }

  /** The batch size the worker picked for the last attempt, or null. */
  public Integer getBatchSize() {
    return batchSize;
  }

  /** Images the last attempt's forward passes computed (store reads not counted), or null before a worker ran it. */
  public Integer getForwardImages() {
    return forwardImages;
  }

  /** Throughput of the last attempt's forward passes, images per second (stimulus generation excluded), or null. */
  public Double getImagesPerSecond() {
    return imagesPerSecond;
  }

  public Instant getFinishedAt() {
    return finishedAt;
  }
}
