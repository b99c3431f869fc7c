package io.striate.results;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** One candidate layer's score in a version's layer sweep; the best one is committed as the V1 layer. */
@Entity
@Table(name = "layer_sweep")
@IdClass(LayerSweepRow.Key.class)
public class LayerSweepRow {
  public record Key(Long modelVersionId, String benchmarkId, String layer) implements Serializable {
    public Key() {
      this(null, null, null);
    }
  }

  @Id
  @Column(name = "model_version_id")
  private Long modelVersionId;
  @Id
  @Column(name = "benchmark_id")
  private String benchmarkId;
  @Id
  private String layer;
  private Double raw;
  private Double ceiled;
  private Double error;
  private boolean chosen;
  @Column(name = "created_at")
  private Instant createdAt;

  protected LayerSweepRow() {
  }

  public LayerSweepRow(long modelVersionId, String benchmarkId, String layer, Double raw, Double ceiled, Double error,
                boolean chosen) {
    this.modelVersionId = modelVersionId;
    this.benchmarkId = benchmarkId;
    this.layer = layer;
    this.raw = raw;
    this.ceiled = ceiled;
    this.error = error;
    this.chosen = chosen;
    this.createdAt = Instant.now();
  }

  public String getLayer() {
    return layer;
  }

  public Double getRaw() {
    return raw;
  }

  public Double getCeiled() {
    return ceiled;
  }

  public Double getError() {
    return error;
  }

  public boolean isChosen() {
    return chosen;
  }

  public String getBenchmarkId() {
    return benchmarkId;
  }
}
