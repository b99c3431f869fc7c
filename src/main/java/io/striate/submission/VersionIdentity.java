package io.striate.submission;

import io.striate.model.runtime.InvalidModelException;
import io.striate.model.runtime.ModelMetadata;
import io.striate.model.spec.BlockSpecValidator;
import io.striate.model.torchscript.TorchScriptLoader;
import io.striate.storage.Hashing;
import io.striate.problem.ProblemException;
import io.striate.problem.ProblemStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A model version's identity within its model: the artifact <em>and</em> its effective metadata.
 * <ul>
 *   <li>Effective metadata = the artifact's own ({@code extra/striate.json} of a TorchScript archive, the input/taps/
 *       v1Layer of a block spec), overridden field by field by the submission's metadata, with Brain-Score's
 *       defaults filled in (224 px, ImageNet mean/std, 8°, one trial).</li>
 *   <li>When the effective metadata equals the artifact's own, the identity is the artifact's sha-256 (so re-sending
 *       the same file, with or without restating its own metadata, is the same version); otherwise it is
 *       {@code sha256(artifact sha-256 + "+" + canonical effective metadata)}: same bytes with other metadata is a
 *       new version, scored on its own.</li>
 * </ul>
 * Unknown metadata keys are refused (422 {@code unknown-metadata-key}, hint: the nearest valid key) instead of being
 * ignored.
 */
@Component
class VersionIdentity {
  /** The keys of {@link ModelMetadata}, the only ones a submission's metadata may use. */
  static final List<String> METADATA_KEYS = List.of("inputSize", "mean", "std", "visualDegrees", "taps", "v1Layer",
      "trials", "method");
  private static final String ARCHIVE_METADATA = "extra/" + TorchScriptLoader.METADATA_FILE;
  private final BlockSpecValidator specs = new BlockSpecValidator();
  private final JsonMapper json;

  VersionIdentity(JsonMapper json) {
    this.json = json;
  }

  /**
   * @param pointer JSON pointer of the metadata object (e.g. {@code /metadata})
   * @throws ProblemException 422 {@code unknown-metadata-key} at the first unknown key
   */
  static void checkKeys(JsonNode metadata, String pointer) {
    for (Iterator<String> names = metadata.propertyNames().iterator(); names.hasNext(); ) {
      String key = names.next();
      if (!METADATA_KEYS.contains(key)) {
        String nearest = NearestName.of(key, METADATA_KEYS);
        throw new ProblemException(ProblemStatus.UNPROCESSABLE_ENTITY, "unknown-metadata-key", "Unknown metadata key '"
            + key + "'" + (nearest == null ? "" : " (keys are case-sensitive)"), pointer + "/" + key,
            NearestName.hint(key, METADATA_KEYS), nearest == null ? Map.of("valid", METADATA_KEYS)
            : Map.of("valid", METADATA_KEYS, "nearest", nearest));
      }
    }
  }

  /** Identity of a TorchScript archive with the submission's metadata. */
  String torchScript(String artifactSha256, Path archive, JsonNode submitted) {
    return identity(artifactSha256, archived(archive), submitted);
  }

  /** Identity of a block spec (canonical JSON, hashed) with the submission's metadata. */
  String blockSpec(String specSha256, String canonicalSpec, JsonNode submitted) {
    ModelMetadata own;
    try {
      own = specs.parse(canonicalSpec).metadata();
    } catch (InvalidModelException e) {
      throw new ProblemException(ProblemStatus.UNPROCESSABLE_ENTITY, e.code(), e.getMessage(),
          e.field() != null && e.field().startsWith("/spec") ? e.field() : "/spec" + e.field(),
          e.hint(), Map.of());
    }
    return identity(specSha256, own, submitted);
  }

  private String identity(String artifactSha256, ModelMetadata own, JsonNode submitted) {
    ModelMetadata over = submitted.isEmpty() ? ModelMetadata.EMPTY : parse(json.writeValueAsString(submitted),
        "submission metadata", "/metadata");
    String base = canonical(own);
    String effective = canonical(own.overriddenBy(over));
    return base.equals(effective) ? artifactSha256 : Hashing.sha256Hex(artifactSha256 + "+" + effective);
  }

  /** The metadata inside the archive; empty when there is none or the file is not a zip (preflight says why). */
  private static ModelMetadata archived(Path archive) {
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        if (entry.getName().equals(ARCHIVE_METADATA) || entry.getName().endsWith("/" + ARCHIVE_METADATA)) {
          try (InputStream in = zip.getInputStream(entry)) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), ARCHIVE_METADATA, "file");
          }
        }
      }
      return ModelMetadata.EMPTY;
    } catch (IOException notAZip) {
      return ModelMetadata.EMPTY;
    }
  }

  private static ModelMetadata parse(String text, String source, String field) {
    try {
      return ModelMetadata.parse(text, source);
    } catch (InvalidModelException e) {
      throw new ProblemException(ProblemStatus.UNPROCESSABLE_ENTITY, e.code(), e.getMessage(), field, e.hint(), Map.of());
    }
  }

  /** The metadata with Brain-Score's defaults filled in, as JSON in the record's field order. */
  static String canonical(ModelMetadata m) {
    return new ModelMetadata(m.inputSize() != null ? m.inputSize() : ModelMetadata.DEFAULT_INPUT_SIZE,
        m.mean() != null ? m.mean() : ModelMetadata.IMAGENET_MEAN, m.std() != null ? m.std() : ModelMetadata.IMAGENET_STD,
        m.visualDegrees() != null ? m.visualDegrees() : io.striate.model.ModelContract.DEFAULT_VISUAL_DEGREES,
        m.taps(), m.v1Layer(), m.trials() != null ? m.trials() : 1, m.method()).toJson();
  }
}
