package io.striate.results;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A benchmark's result for a model version: raw, ceiling, ceiled, error, the layer used and the evidence. */
@Entity
@Table(name = "score")
public class Score {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  @Column(name = "job_id")
  private Long jobId;
  @Column(name = "model_version_id")
  private Long modelVersionId;
  @Column(name = "benchmark_id")
  private String benchmarkId;
  @Column(name = "benchmark_version")
  private int benchmarkVersion;
  private Double raw;
  private Double ceiling;
  private Double ceiled;
  private Double error;
  private String layer;
  @Column(name = "formula_id")
  private String formulaId;
  @JdbcTypeCode(SqlTypes.JSON)
  private String details;
  @Column(name = "created_at")
  private Instant createdAt;

  protected Score() {
  }

  public Score(Long jobId, long modelVersionId, String benchmarkId, int benchmarkVersion, Double raw, Double ceiling,
               Double ceiled, Double error, String layer, String formulaId, String details) {
    this.jobId = jobId;
    this.modelVersionId = modelVersionId;
    this.benchmarkId = benchmarkId;
    this.benchmarkVersion = benchmarkVersion;
    this.raw = raw;
    this.ceiling = ceiling;
    this.ceiled = ceiled;
    this.error = error;
    this.layer = layer;
    this.formulaId = formulaId;
    this.details = details == null ? "{}" : details;
    this.createdAt = Instant.now();
  }

  public Long getId() {
    return id;
  }

  public Long getJobId() {
    return jobId;
  }

  public Long getModelVersionId() {
    return modelVersionId;
  }

  public String getBenchmarkId() {
    return benchmarkId;
  }

  public int getBenchmarkVersion() {
    return benchmarkVersion;
  }

  public Double getRaw() {
    return raw;
  }

  public Double getCeiling() {
    return ceiling;
  }

  public Double getCeiled() {
    return ceiled;
  }

  public Double getError() {
    return error;
  }

  public String getLayer() {
    return layer;
  }

  public String getFormulaId() {
    return formulaId;
  }

  public String getDetails() {
    return details;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
