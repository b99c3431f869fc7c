package io.striate.leaderboard;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A model's value at one score-tree node (its most recently scored version), kept up to date on every score. */
@Entity
@Table(name = "leaderboard_entry")
@IdClass(LeaderboardEntry.Key.class)
public class LeaderboardEntry {
  public record Key(Long modelId, String nodeId) implements Serializable {
    public Key() {
      this(null, null);
    }
  }

  @Id
  @Column(name = "model_id")
  private Long modelId;
  @Id
  @Column(name = "node_id")
  private String nodeId;
  @Column(name = "model_version_id")
  private Long modelVersionId;
  private Double value;
  @Column(name = "mean_of_scored")
  private Double meanOfScored;
  @Column(name = "scored_children")
  private int scoredChildren;
  @Column(name = "total_children")
  private int totalChildren;
  @JdbcTypeCode(SqlTypes.JSON)
  private String missing;
  @Column(name = "scored_leaves")
  private int scoredLeaves;
  @Column(name = "installed_leaves")
  private int installedLeaves;
  @Column(name = "total_leaves")
  private int totalLeaves;
  private String coverage;
  /** A leaf's score error (null for internal nodes and unscored leaves). */
  private Double error;
  @Column(name = "updated_at")
  private Instant updatedAt;

  /**
   * How much of the tree below a node this instance can run and this model has scored.
   *
   * @param text e.g. "V1: 7 of 23 benchmarks installed"
   */
  record Coverage(int scoredLeaves, int installedLeaves, int totalLeaves, String text) {
  }

  protected LeaderboardEntry() {
  }

  LeaderboardEntry(long modelId, String nodeId, long modelVersionId, Double value, Double meanOfScored,
                   int scoredChildren, int totalChildren, String missing, Coverage coverage, Double error) {
    this.modelId = modelId;
    this.nodeId = nodeId;
    this.modelVersionId = modelVersionId;
    this.value = value;
    this.meanOfScored = meanOfScored;
    this.scoredChildren = scoredChildren;
    this.totalChildren = totalChildren;
    this.missing = missing;
    this.scoredLeaves = coverage.scoredLeaves();
    this.installedLeaves = coverage.installedLeaves();
    this.totalLeaves = coverage.totalLeaves();
    this.coverage = coverage.text();
    this.error = error;
    this.updatedAt = Instant.now();
  }

  public Long getModelId() {
    return modelId;
  }

  public String getNodeId() {
    return nodeId;
  }

  public Long getModelVersionId() {
    return modelVersionId;
  }

  public Double getValue() {
    return value;
  }

  public Double getMeanOfScored() {
    return meanOfScored;
  }

  public int getScoredChildren() {
    return scoredChildren;
  }

  public int getTotalChildren() {
    return totalChildren;
  }

  public String getMissing() {
    return missing;
  }

  public int getScoredLeaves() {
    return scoredLeaves;
  }

  public int getInstalledLeaves() {
    return installedLeaves;
  }

  public int getTotalLeaves() {
    return totalLeaves;
  }

  public String getCoverage() {
    return coverage;
  }

  public Double getError() {
    return error;
  }
}
