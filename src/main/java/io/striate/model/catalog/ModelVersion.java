package io.striate.model.catalog;

import io.striate.model.ModelSource;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.nio.file.Path;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * An immutable version of a model, identified by the sha-256 of its content: the TorchScript file, or the
 * canonical JSON of a block spec. The same bytes uploaded again are the same version.
 */
@Entity
@Table(name = "model_version")
public class ModelVersion {
  private static final tools.jackson.databind.json.JsonMapper JSON =
      tools.jackson.databind.json.JsonMapper.builder().build();
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  @Column(name = "model_id")
  private Long modelId;
  private String sha256;
  private String identity;
  private String kind;
  @Column(name = "size_bytes")
  private long sizeBytes;
  @JdbcTypeCode(SqlTypes.JSON)
  private String spec;
  @JdbcTypeCode(SqlTypes.JSON)
  private String metadata;
  @Column(name = "v1_layer")
  private String v1Layer;
  @Column(name = "v1_layer_source")
  private String v1LayerSource;
  @Column(name = "created_at")
  private Instant createdAt;

  protected ModelVersion() {
  }

  /** A version whose effective metadata is the artifact's own: its identity is the artifact's hash. */
  public ModelVersion(long modelId, String sha256, ModelSource.Kind kind, long sizeBytes, String spec,
                      String metadata, String v1Layer) {
    this(modelId, sha256, sha256, kind, sizeBytes, spec, metadata, v1Layer);
  }

  /**
   * @param sha256   the artifact's hash (where the artifact store keeps it)
   * @param identity the version's identity within its model: artifact and effective metadata (see
   *                 docs/model-runtime.md, "Version identity")
   */
  public ModelVersion(long modelId, String sha256, String identity, ModelSource.Kind kind, long sizeBytes,
                      String spec, String metadata, String v1Layer) {
    this.modelId = modelId;
    this.sha256 = sha256;
    this.identity = identity;
    this.kind = kind == ModelSource.Kind.TORCHSCRIPT ? "torchscript" : "block_spec";
    this.sizeBytes = sizeBytes;
    this.spec = spec;
    this.metadata = metadata == null ? "{}" : metadata;
    this.v1Layer = v1Layer;
    this.v1LayerSource = v1Layer == null ? null : "pinned";
    this.createdAt = Instant.now();
  }

  public Long getId() {
    return id;
  }

  public Long getModelId() {
    return modelId;
  }

  public String getSha256() {
    return sha256;
  }

  /** Artifact plus effective metadata; equal to {@link #getSha256()} when the metadata is the artifact's own. */
  public String getIdentity() {
    return identity;
  }

  public ModelSource.Kind getKind() {
    return "torchscript".equals(kind) ? ModelSource.Kind.TORCHSCRIPT : ModelSource.Kind.BLOCK_SPEC;
  }

  public long getSizeBytes() {
    return sizeBytes;
  }

  public String getSpec() {
    return spec;
  }

  public String getMetadata() {
    return metadata;
  }

  public String getV1Layer() {
    return v1Layer;
  }

  public String getV1LayerSource() {
    return v1LayerSource;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  /** Commits the V1 layer chosen by a layer sweep, unless the submitter pinned one. */
  public void commitV1Layer(String layer, String source) {
    if (!"pinned".equals(v1LayerSource)) {
      this.v1Layer = layer;
      this.v1LayerSource = source;
    }
  }

  /** Where the runtime finds this version's content. */
  public ModelSource source(Path artifact) {
    // a block spec has an artifact (weights, or a hybrid's backbone) when one was uploaded with it
    boolean hasArtifact = getKind() == ModelSource.Kind.TORCHSCRIPT || artifact != null
        && java.nio.file.Files.exists(artifact);
    return new ModelSource(id, sha256, getKind(), hasArtifact ? artifact : null, spec,
        withV1Layer(metadata, v1Layer));
  }

  /** The submission metadata with the committed V1 layer (pinned or chosen by the sweep), which wins. */
  static String withV1Layer(String metadata, String layer) {
    if (layer == null) {
      return metadata;
    }
    var node = (tools.jackson.databind.node.ObjectNode) JSON.readTree(metadata == null ? "{}" : metadata);
    node.put("v1Layer", layer);
    return JSON.writeValueAsString(node);
  }
}
