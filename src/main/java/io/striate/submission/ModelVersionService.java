package io.striate.submission;

import io.striate.problem.ProblemStatus;
import io.striate.account.Caller;
import io.striate.config.StriateProperties;
import io.striate.model.ModelSource;
import io.striate.model.catalog.ModelVersion;
import io.striate.model.catalog.ModelVersionRepository;
import io.striate.model.catalog.RegisteredModel;
import io.striate.model.catalog.RegisteredModelRepository;
import io.striate.storage.ArtifactStore;
import io.striate.problem.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates model versions. Content is hashed while it streams to the artifact store; the same bytes give the same
 * version (returned as it is, nothing new is written). Every failure discards the staged file and writes no row.
 */
@Service
class ModelVersionService {
  private final RegisteredModelRepository models;
  private final ModelVersionRepository versions;
  private final ArtifactStore artifacts;
  private final ModelVersionChecks checks;
  private final TransactionTemplate tx;
  private final StriateProperties properties;
  private final JsonMapper json;

  ModelVersionService(RegisteredModelRepository models, ModelVersionRepository versions, ArtifactStore artifacts,
                      ModelVersionChecks checks, TransactionTemplate tx, StriateProperties properties,
                      JsonMapper json) {
    this.models = models;
    this.versions = versions;
    this.artifacts = artifacts;
    this.checks = checks;
    this.tx = tx;
    this.properties = properties;
    this.json = json;
  }

  /** A version and whether this request created it. */
  record Outcome(ModelVersion version, boolean created) {
  }

  RegisteredModel ownedModel(long modelId, Caller caller) {
    RegisteredModel model = models.findById(modelId).filter(m -> m.isPublic() || caller.owns(m.getOwner()))
        .orElseThrow(() -> ProblemException.notFound("model", modelId));
    if (!caller.owns(model.getOwner())) {
      throw new ProblemException(ProblemStatus.FORBIDDEN, "not-owner", "Only the owner adds versions to model " + modelId,
          "id", "Register your own model with POST /api/v1/models");
    }
    return model;
  }

  Outcome uploadTorchScript(long modelId, Caller caller, InputStream content, String metadataText) {
    RegisteredModel model = ownedModel(modelId, caller);
    JsonNode metadata = parseMetadata(metadataText);
    ArtifactStore.Staged staged = artifacts.stage(content, properties.limits().maxUploadSize().toBytes(), "file");
    try {
      var existing = versions.findByModelIdAndSha256(model.getId(), staged.sha256());
      if (existing.isPresent()) {
        artifacts.discard(staged);
        return new Outcome(existing.get(), false);
      }
      JsonNode report = checks.check(new ModelSource(-1, staged.sha256(), ModelSource.Kind.TORCHSCRIPT,
          staged.file(), null, json.writeValueAsString(metadata)));
      JsonNode stored = merge(metadata, report);
      boolean alreadyStored = artifacts.exists(staged.sha256());
      artifacts.commit(staged);
      try {
        return insert(new ModelVersion(model.getId(), staged.sha256(), ModelSource.Kind.TORCHSCRIPT, staged.size(),
            null, json.writeValueAsString(stored), declaredV1Layer(metadata, report)));
      } catch (RuntimeException e) {
        if (!alreadyStored && !versions.existsBySha256(staged.sha256())) {
          artifacts.delete(staged.sha256());
        }
        throw e;
      }
    } finally {
      artifacts.discard(staged);
    }
  }

  Outcome createFromSpec(long modelId, Caller caller, JsonNode spec, JsonNode metadataNode) {
    RegisteredModel model = ownedModel(modelId, caller);
    JsonNode metadata = metadataNode == null || metadataNode.isNull() ? json.createObjectNode() : metadataNode;
    if (!metadata.isObject()) {
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "invalid-field", "metadata must be a JSON object",
          "/metadata", "Send e.g. {\"v1Layer\": \"vone_block\"}");
    }
    byte[] canonical = CanonicalJson.bytes(json, spec);
    if (canonical.length > properties.limits().maxSpecSize().toBytes()) {
      throw new ProblemException(ProblemStatus.CONTENT_TOO_LARGE, "upload-too-large", "The block spec exceeds "
          + properties.limits().maxSpecSize(), "/spec", "Reference weights files instead of inlining them");
    }
    String sha = io.striate.storage.Hashing.sha256Hex(canonical);
    var existing = versions.findByModelIdAndSha256(model.getId(), sha);
    if (existing.isPresent()) {
      return new Outcome(existing.get(), false);
    }
    String specText = new String(canonical, java.nio.charset.StandardCharsets.UTF_8);
    JsonNode report = checks.check(new ModelSource(-1, sha, ModelSource.Kind.BLOCK_SPEC, null, specText,
        json.writeValueAsString(metadata)));
    return insert(new ModelVersion(model.getId(), sha, ModelSource.Kind.BLOCK_SPEC, canonical.length, specText,
        json.writeValueAsString(merge(metadata, report)), declaredV1Layer(metadata, report)));
  }

  private Outcome insert(ModelVersion version) {
    try {
      return new Outcome(tx.execute(s -> versions.saveAndFlush(version)), true);
    } catch (org.springframework.dao.DataIntegrityViolationException race) {
      // the same content was registered concurrently: that version is ours too
      return new Outcome(versions.findByModelIdAndSha256(version.getModelId(), version.getSha256()).orElseThrow(),
          false);
    }
  }

  private JsonNode parseMetadata(String text) {
    if (text == null || text.isBlank()) {
      return json.createObjectNode();
    }
    try {
      JsonNode node = json.readTree(text);
      if (!node.isObject()) {
        throw new ProblemException(ProblemStatus.BAD_REQUEST, "invalid-field", "metadata must be a JSON object",
            "metadata", "Send e.g. {\"inputSize\": 224, \"visualDegrees\": 8}");
      }
      return node;
    } catch (JacksonException e) {
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "malformed-json", "The metadata part is not JSON: "
          + e.getOriginalMessage(), "metadata", "Send the metadata part as a JSON object");
    }
  }

  private JsonNode merge(JsonNode metadata, JsonNode report) {
    var out = json.createObjectNode();
    out.setAll((tools.jackson.databind.node.ObjectNode) metadata.deepCopy());
    if (report != null && !report.isNull()) {
      out.set("preflight", report);
    }
    return out;
  }

  private static String declaredV1Layer(JsonNode metadata, JsonNode report) {
    String pinned = text(metadata, "v1Layer");
    return pinned != null || report == null ? pinned : text(report, "v1Layer");
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asString();
  }

  static InputStream open(org.springframework.web.multipart.MultipartFile file) {
    try {
      return file.getInputStream();
    } catch (IOException e) {
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "upload-interrupted", "The upload could not be read",
          "file", "Send the file again", Map.of());
    }
  }
}
