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
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record VersionView(long id, long modelId, String sha256, String kind, long sizeBytes, String v1Layer,
                     String v1LayerSource, JsonNode metadata, Instant createdAt, List<ScoreView> scores,
                     java.util.Map<String, io.striate.benchmark.ScoreAggregator.NodeValue> scoreTree,
                     List<SweepRow> layerSweep) {
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
                                 List<SweepRow> sweep) {
    return new VersionView(v.getId(), v.getModelId(), v.getSha256(), v.getKind().name().toLowerCase(),
        v.getSizeBytes(), v.getV1Layer(), v.getV1LayerSource(), metadata, v.getCreatedAt(), scores, tree,
        sweep.isEmpty() ? null : sweep);
  }
}
