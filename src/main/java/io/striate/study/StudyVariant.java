package io.striate.study;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One row of a study: a labelled model version at a position (the baseline is position 0). */
@Entity
@Table(name = "study_variant")
public class StudyVariant {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  @Column(name = "study_id")
  private Long studyId;
  private int position;
  private String label;
  @Column(name = "version_id")
  private Long versionId;

  protected StudyVariant() {
  }

  public StudyVariant(long studyId, int position, String label, long versionId) {
    this.studyId = studyId;
    this.position = position;
    this.label = label;
    this.versionId = versionId;
  }

  public int getPosition() {
    return position;
  }

  public String getLabel() {
    return label;
  }

  public Long getVersionId() {
    return versionId;
  }
}
