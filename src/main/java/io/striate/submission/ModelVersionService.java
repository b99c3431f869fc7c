package io.striate.submission;

import io.striate.problem.ProblemStatus;
import io.striate.account.Caller;
import io.striate.config.StriateProperties;
import io.striate.model.ModelSource;
import io.striate.model.catalog.ModelAccess;
import io.striate.model.catalog.ModelVersion;
import io.striate.model.catalog.ModelVersionRepository;
import io.striate.model.catalog.RegisteredModel;
import io.striate.storage.ArtifactStore;
import io.striate.storage.Hashing;
import io.striate.problem.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Creates model versions. Content is hashed while it streams to the artifact store; the same bytes with the same
 * effective metadata give the same version (returned as it is, nothing new is written); the same bytes with other
 * metadata are a new version ({@link VersionIdentity}). Unknown metadata keys are a 422.
 * Every failure discards the staged file and writes no row.
 */
@Service
public class ModelVersionService {
  private final ModelAccess access;
  private final ModelVersionRepository versions;
  private final ArtifactStore artifacts;
  private final ModelVersionChecks checks;
  private final TransactionTemplate tx;
  private final StriateProperties properties;
  private final JsonMapper json;
  private final VersionIdentity identities;

  ModelVersionService(ModelAccess access, ModelVersionRepository versions, ArtifactStore artifacts,
                      ModelVersionChecks checks, TransactionTemplate tx, StriateProperties properties,
                      JsonMapper json, VersionIdentity identities) {
    this.identities = identities;
    this.access = access;
    this.versions = versions;
    this.artifacts = artifacts;
    this.checks = checks;
    this.tx = tx;
    this.properties = properties;
    this.json = json;
  }

  /** A version and whether this request created it. */
  public record Outcome(ModelVersion version, boolean created) {
  }

  RegisteredModel ownedModel(long modelId, Caller caller) {
    return access.requireOwned(modelId, caller);
  }

  Outcome uploadTorchScript(long modelId, Caller caller, InputStream content, String metadataText) {
    RegisteredModel model = ownedModel(modelId, caller);
    JsonNode metadata = parseMetadata(metadataText);
    VersionIdentity.checkKeys(metadata, "/metadata");
    ArtifactStore.Staged staged = artifacts.stage(content, properties.limits().maxUploadSize().toBytes(), "file");
    try {
      String identity = identities.torchScript(staged.sha256(), staged.file(), metadata);
      var existing = versions.findByModelIdAndIdentity(model.getId(), identity);
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
        return insert(new ModelVersion(model.getId(), staged.sha256(), identity, ModelSource.Kind.TORCHSCRIPT,
            staged.size(), null, json.writeValueAsString(stored), declaredV1Layer(metadata, report)));
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

  public Outcome createFromSpec(long modelId, Caller caller, JsonNode spec, JsonNode metadataNode) {
    RegisteredModel model = ownedModel(modelId, caller);
    JsonNode metadata = metadataNode == null || metadataNode.isNull() ? json.createObjectNode() : metadataNode;
    if (!metadata.isObject()) {
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "invalid-field", "metadata must be a JSON object",
          "/metadata", "Send e.g. {\"v1Layer\": \"vone_block\"}");
    }
    VersionIdentity.checkKeys(metadata, "/metadata");
    byte[] canonical = CanonicalJson.bytes(spec);
    if (canonical.length > properties.limits().maxSpecSize().toBytes()) {
      throw new ProblemException(ProblemStatus.CONTENT_TOO_LARGE, "upload-too-large", "The block spec exceeds "
          + properties.limits().maxSpecSize(), "/spec", "Reference weights files instead of inlining them");
    }
    String sha = Hashing.sha256Hex(canonical);
    String specText = new String(canonical, StandardCharsets.UTF_8);
    String identity = identities.blockSpec(sha, specText, metadata);
    var existing = versions.findByModelIdAndIdentity(model.getId(), identity)
        .or(() -> registeredBeforeV14(model.getId(), spec, canonical,
            old -> identities.blockSpec(Hashing.sha256Hex(old), new String(old, StandardCharsets.UTF_8), metadata)));
    if (existing.isPresent()) {
      return new Outcome(existing.get(), false);
    }
    JsonNode report = checks.check(new ModelSource(-1, sha, ModelSource.Kind.BLOCK_SPEC, null, specText,
        json.writeValueAsString(metadata)));
    return insert(new ModelVersion(model.getId(), sha, identity, ModelSource.Kind.BLOCK_SPEC, canonical.length,
        specText,
        json.writeValueAsString(merge(metadata, report)), declaredV1Layer(metadata, report)));
  }

  /**
   * A block spec with a file: trained weights (a state dict as .safetensors/.npz) or, for a hybrid spec, its
   * TorchScript backbone. The version id hashes the canonical spec and the file's sha-256 together; the file is stored
   * under that id, so the runtime finds it next to the spec.
   */
  Outcome createFromSpecWithArtifact(long modelId, Caller caller, JsonNode spec, JsonNode metadataNode,
                                     InputStream content, String part) {
    RegisteredModel model = ownedModel(modelId, caller);
    JsonNode metadata = metadataNode == null || metadataNode.isNull() ? json.createObjectNode() : metadataNode;
    if (!metadata.isObject()) {
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "invalid-field", "metadata must be a JSON object",
          "metadata", "Send e.g. {\"v1Layer\": \"layer1\"}");
    }
    byte[] canonical = CanonicalJson.bytes(spec);
    if (canonical.length > properties.limits().maxSpecSize().toBytes()) {
      throw new ProblemException(ProblemStatus.CONTENT_TOO_LARGE, "upload-too-large", "The block spec exceeds "
          + properties.limits().maxSpecSize(), "spec", "Send the weights as a file part, not inside the spec");
    }
    ArtifactStore.Staged staged = artifacts.stage(content, properties.limits().maxUploadSize().toBytes(), part);
    try {
      String sha = combinedSha(canonical, staged.sha256());
      var existing = versions.findByModelIdAndIdentity(model.getId(), sha)
          .or(() -> registeredBeforeV14(model.getId(), spec, canonical, old -> combinedSha(old, staged.sha256())));
      if (existing.isPresent()) {
        return new Outcome(existing.get(), false);
      }
      String specText = new String(canonical, StandardCharsets.UTF_8);
      JsonNode report = checks.check(new ModelSource(-1, sha, ModelSource.Kind.BLOCK_SPEC, staged.file(), specText,
          json.writeValueAsString(metadata)), part);
      var stored = (ObjectNode) merge(metadata, report);
      boolean alreadyStored = artifacts.exists(sha);
      artifacts.commit(new ArtifactStore.Staged(staged.file(), sha, staged.size()));
      try {
        return insert(new ModelVersion(model.getId(), sha, ModelSource.Kind.BLOCK_SPEC,
            canonical.length + staged.size(), specText, json.writeValueAsString(stored),
            declaredV1Layer(metadata, report)));
      } catch (RuntimeException e) {
        if (!alreadyStored && !versions.existsBySha256(sha)) artifacts.delete(sha);
        throw e;
      }
    } finally {
      artifacts.discard(staged);
    }
  }

  /**
   * The version registered before V14 (RFC 8785) for this spec, found under the identity its pre-RFC 8785 canonical
   * form gives; none when both forms are the same bytes (then the lookup by the current identity was the answer).
   */
  private Optional<ModelVersion> registeredBeforeV14(long modelId, JsonNode spec, byte[] canonical,
                                                     Function<byte[], String> identityOf) {
    byte[] old = CanonicalJson.legacyBytes(json, spec);
    return Arrays.equals(old, canonical) ? Optional.empty()
        : versions.findSortedKeysIdentity(modelId, identityOf.apply(old));
  }

  /** sha-256 of the canonical spec, a newline and the file's sha-256 (hex): the version id of a spec with a file. */
  static String combinedSha(byte[] canonicalSpec, String fileSha) {
    byte[] tail = ("\n" + fileSha).getBytes(StandardCharsets.US_ASCII);
    byte[] all = Arrays.copyOf(canonicalSpec, canonicalSpec.length + tail.length);
    System.arraycopy(tail, 0, all, canonicalSpec.length, tail.length);
    return Hashing.sha256Hex(all);
  }

  private Outcome insert(ModelVersion version) {
    try {
      return new Outcome(tx.execute(s -> versions.saveAndFlush(version)), true);
    } catch (DataIntegrityViolationException race) {
      // the same content was registered concurrently: that version is ours too
      return new Outcome(versions.findByModelIdAndIdentity(version.getModelId(), version.getIdentity()).orElseThrow(),
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
    out.setAll((ObjectNode) metadata.deepCopy());
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

  static InputStream open(MultipartFile file) {
    try {
      return file.getInputStream();
    } catch (IOException e) {
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "upload-interrupted", "The upload could not be read",
          "file", "Send the file again", Map.of());
    }
  }
}
