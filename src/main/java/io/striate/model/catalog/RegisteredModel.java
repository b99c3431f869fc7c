package io.striate.model.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A model registered by an owner; its content lives in immutable {@link ModelVersion}s. */
@Entity
@Table(name = "model")
public class RegisteredModel {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  private String owner;
  private String name;
  private String description;
  private String visibility;
  @Column(name = "paper_url")
  private String paperUrl;
  @Column(name = "code_url")
  private String codeUrl;
  private String bibtex;
  @Column(name = "created_at")
  private Instant createdAt;

  protected RegisteredModel() {
  }

  public RegisteredModel(String owner, String name, String description, boolean isPublic, String paperUrl,
                         String codeUrl, String bibtex) {
    this.owner = owner;
    this.name = name;
    this.description = description == null ? "" : description;
    this.visibility = isPublic ? "public" : "private";
    this.paperUrl = paperUrl;
    this.codeUrl = codeUrl;
    this.bibtex = bibtex;
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

  public String getDescription() {
    return description;
  }

  public String getVisibility() {
    return visibility;
  }

  public boolean isPublic() {
    return "public".equals(visibility);
  }

  public String getPaperUrl() {
    return paperUrl;
  }

  public String getCodeUrl() {
    return codeUrl;
  }

  public String getBibtex() {
    return bibtex;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
