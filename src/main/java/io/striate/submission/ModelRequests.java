package io.striate.submission;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.striate.model.catalog.ModelVersion;
import io.striate.model.catalog.RegisteredModel;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Request and response documents of the model endpoints. */
final class ModelRequests {
  private ModelRequests() {
  }

  record CreateModel(
      @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_.+-]{0,99}", message = "must be 1-100 letters, digits, _.+-")
      String name,
      @Size(max = 10_000) String description,
      @Pattern(regexp = "public|private", message = "must be public or private") String visibility,
      @Size(max = 2000) String paperUrl,
      @Size(max = 2000) String codeUrl,
      @Size(max = 20_000) String bibtex) {
  }

  /**
   * A block-spec version: either an inline {@code spec} or the id of a reference spec shipped with Striate,
   * plus optional submission metadata (input spec, pinned V1 layer).
   */
  record CreateSpecVersion(JsonNode spec, String reference, JsonNode metadata) {
    static final List<String> KEYS = List.of("spec", "reference", "metadata");

    /**
     * Reads the request body: the wrapper {@code {"spec"|"reference", "metadata"}}, or a bare spec (an object with
     * {@code layers} and none of the wrapper's keys), taken as {@code {"spec": body}}.
     *
     * @throws io.striate.problem.ProblemException 400 when the body is not an object; 422 {@code unknown-field} for a key
     *                                     that is neither the wrapper's nor (in a bare spec) the spec's
     */
    static CreateSpecVersion of(JsonNode body) {
      if (body == null || !body.isObject()) {
        throw new io.striate.problem.ProblemException(io.striate.problem.ProblemStatus.BAD_REQUEST, "invalid-field",
            "The body must be a JSON object", "", "Send {\"reference\": \"vone-v1\"} or {\"spec\": {…}}");
      }
      boolean wrapped = KEYS.stream().anyMatch(body::has);
      if (!wrapped && body.has("layers")) {
        return new CreateSpecVersion(body, null, null);
      }
      for (String key : body.propertyNames()) {
        if (key.equals("weights") || key.equals("backbone")) {
          throw new io.striate.problem.ProblemException(io.striate.problem.ProblemStatus.UNPROCESSABLE_ENTITY,
              "invalid-spec", "Unknown field '" + key + "' in the version request", "/" + key, "Weights and "
              + "backbones are files: send multipart/form-data with parts 'spec' (or 'reference') and '" + key + "'");
        }
        if (!KEYS.contains(key)) {
          String nearest = NearestName.of(key, KEYS);
          throw new io.striate.problem.ProblemException(io.striate.problem.ProblemStatus.UNPROCESSABLE_ENTITY,
              "unknown-field", "Unknown field '" + key + "'", "/" + key, (nearest == null ? ""
              : "Did you mean '" + nearest + "'? ") + "Send {\"reference\": \"vone-v1\"}, or a block spec as "
              + "{\"spec\": {\"name\": …, \"input\": …, \"layers\": […], \"taps\": […]}} (optionally with "
              + "\"metadata\": {…})", nearest == null ? java.util.Map.of("valid", KEYS)
              : java.util.Map.of("valid", KEYS, "nearest", nearest));
        }
      }
      JsonNode reference = body.get("reference");
      if (reference != null && !reference.isNull() && !reference.isString()) {
        throw new io.striate.problem.ProblemException(io.striate.problem.ProblemStatus.BAD_REQUEST, "invalid-field",
            "reference must be a string", "/reference", "e.g. {\"reference\": \"vone-v1\"}");
      }
      return new CreateSpecVersion(body.get("spec"), reference == null || reference.isNull() ? null
          : reference.asString(), body.get("metadata"));
    }
  }

  /**
   * @param sha256     the artifact's hash
   * @param identity   the version's identity: the artifact's hash, or combined with the effective metadata when the
   *                   submission's metadata changed it (docs/model-runtime.md, "Version identity")
   * @param benchmarks every benchmark of the score tree with its state here: scored, failed, not-installed, queued,
   *                   running or not-requested
   * @param tree       the score-tree definition the aggregates follow
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record VersionView(long id, long modelId, String sha256, String identity, String kind, long sizeBytes,
                     String v1Layer, String v1LayerSource, JsonNode metadata, Instant createdAt, List<ScoreView> scores,
                     java.util.Map<String, io.striate.benchmark.ScoreAggregator.NodeValue> scoreTree,
                     String tree, List<BenchmarkStateView> benchmarks, List<SweepRow> layerSweep) {
  }

  /**
   * A benchmark's state for a version ({@link io.striate.leaderboard.BenchmarkStates}); {@code retry} (failed only,
   * shown to the owner) is the request that queues it again.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record BenchmarkStateView(String benchmarkId, String state, Double ceiled,
                            io.striate.leaderboard.BenchmarkStates.Failure failure, String reason, String howTo,
                            io.striate.leaderboard.BenchmarkStates.Action retry) {
  }

  /** A page of models, newest first (without their versions: GET /api/v1/models/{id} has them). */
  record ModelPage(int page, int size, long total, List<ModelView> models) {
  }

  /** One candidate layer of the version's layer sweep; {@code chosen} marks the committed V1 layer. */
  record SweepRow(String benchmarkId, String layer, Double raw, Double ceiled, Double error, boolean chosen) {
  }

  /** One score with its evidence (per-unit values, histograms, sweeps), to plot and re-derive it. */
  record ScoreDetails(ScoreView score, JsonNode details) {
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ModelView(long id, String owner, String name, String description, String visibility, String paperUrl,
                   String codeUrl, String bibtex, Instant createdAt, List<VersionView> versions) {
    static ModelView of(RegisteredModel m, List<VersionView> versions) {
      return new ModelView(m.getId(), m.getOwner(), m.getName(), m.getDescription(), m.getVisibility(),
          m.getPaperUrl(), m.getCodeUrl(), m.getBibtex(), m.getCreatedAt(), versions);
    }
  }

  record ScoreView(long id, String benchmarkId, int benchmarkVersion, Double raw, Double ceiling, Double ceiled,
                   Double error, String layer, String formulaId, Instant createdAt) {
  }

  static VersionView versionView(ModelVersion v, JsonNode metadata, List<ScoreView> scores,
                                 java.util.Map<String, io.striate.benchmark.ScoreAggregator.NodeValue> tree,
                                 List<BenchmarkStateView> benchmarks, List<SweepRow> sweep) {
    return new VersionView(v.getId(), v.getModelId(), v.getSha256(), v.getIdentity(),
        v.getKind().name().toLowerCase(), v.getSizeBytes(), v.getV1Layer(), v.getV1LayerSource(), metadata,
        v.getCreatedAt(), scores, tree, io.striate.benchmark.ScoreTree.DEFINITION, benchmarks,
        sweep.isEmpty() ? null : sweep);
  }
}
