package io.striate.submission;

import io.striate.account.Caller;
import io.striate.account.Callers;
import io.striate.account.Scope;
import io.striate.leaderboard.BenchmarkStates;
import io.striate.model.catalog.ModelAccess;
import io.striate.model.catalog.ModelVersion;
import io.striate.model.catalog.ModelVersionRepository;
import io.striate.model.catalog.RegisteredModel;
import io.striate.model.catalog.RegisteredModelRepository;
import io.striate.results.Score;
import io.striate.results.VersionResults;
import io.striate.submission.ModelRequests.CreateModel;
import io.striate.submission.ModelRequests.CreateSpecVersion;
import io.striate.submission.ModelRequests.ModelView;
import io.striate.submission.ModelRequests.ScoreView;
import io.striate.submission.ModelRequests.VersionView;
import io.striate.problem.ProblemException;
import io.striate.problem.ProblemStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Tag(name = "models", description = "Register models and upload versions")
@RestController
@RequestMapping("/api/v1/models")
class ModelController {
  private final RegisteredModelRepository models;
  private final ModelVersionRepository versions;
  private final VersionResults results;
  private final ModelAccess access;
  private final ModelVersionService versionService;
  private final ReferenceSpecs referenceSpecs;
  private final JsonMapper json;
  private final BenchmarkStates states;
  private final ListQueries lists;

  ModelController(RegisteredModelRepository models, ModelVersionRepository versions, VersionResults results,
                  ModelAccess access, ModelVersionService versionService, ReferenceSpecs referenceSpecs,
                  JsonMapper json, BenchmarkStates states, ListQueries lists) {
    this.states = states;
    this.lists = lists;
    this.models = models;
    this.versions = versions;
    this.results = results;
    this.access = access;
    this.versionService = versionService;
    this.referenceSpecs = referenceSpecs;
    this.json = json;
  }

  @Operation(summary = "Register a model", description = "The owner is the token's owner. Names are unique per owner.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(value = """
      {"name": "vone-resnet", "description": "VOneBlock front end", "visibility": "public",
       "paperUrl": "https://arxiv.org/abs/2006.00000", "codeUrl": "https://github.com/me/vone", "bibtex": "@article{…}"}""")))
  @ApiResponse(responseCode = "201", description = "Registered; Location names the model", useReturnTypeSchema = true)
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<ModelView> create(@RequestBody @Valid CreateModel body, HttpServletRequest request) {
    Caller caller = Callers.require(request, Scope.SUBMIT);
    LinkFields.requireHttp(body.paperUrl(), "/paperUrl");
    LinkFields.requireHttp(body.codeUrl(), "/codeUrl");
    var existing = models.findByOwnerAndName(caller.owner(), body.name());
    if (existing.isPresent()) {
      throw new ProblemException(ProblemStatus.CONFLICT, "model-name-taken", "You already have a model named '"
          + body.name() + "'", "/name", "Upload a new version of it (model " + existing.get().getId()
          + "), or choose another name", java.util.Map.of("modelId", existing.get().getId()));
    }
    RegisteredModel model = models.save(new RegisteredModel(caller.owner(), body.name(), body.description(),
        !"private".equals(body.visibility()), body.paperUrl(), body.codeUrl(), body.bibtex()));
    return ResponseEntity.created(URI.create("/api/v1/models/" + model.getId())).body(ModelView.of(model, List.of()));
  }

  @Operation(summary = "List models", description = "Newest first, paged, without versions. Filters: `owner`, "
      + "`visibility` (public or private). Private models are listed only for their owner and administrators.")
  @GetMapping
  ModelRequests.ModelPage list(@RequestParam(required = false) String owner,
                               @RequestParam(required = false) String visibility,
                               @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
                               HttpServletRequest request) {
    ListParameters.check(page, size);
    ListParameters.checkVisibility(visibility);
    Caller viewer = Callers.current(request).orElse(null);
    String name = viewer == null ? null : viewer.owner();
    boolean admin = viewer != null && viewer.isAdmin();
    String o = owner == null || owner.isBlank() ? null : owner.trim();
    String vis = visibility == null || visibility.isBlank() ? null : visibility.trim();
    List<ModelView> rows = lists.models(name, admin, o, vis, size, (long) page * size).stream()
        .map(m -> ModelView.of(m, null)).toList();
    return new ModelRequests.ModelPage(page, size, lists.countModels(name, admin, o, vis), rows);
  }

  @Operation(summary = "A model with its versions and their scores",
      description = "Private models are visible to their owner and administrators only.")
  @GetMapping("/{id}")
  ModelView get(@PathVariable long id, HttpServletRequest request) {
    RegisteredModel model = visible(id, request);
    boolean owner = owns(model, request);
    List<VersionView> views = versions.findByModelIdOrderByIdAsc(id).stream().map(v -> view(v, owner)).toList();
    return ModelView.of(model, views);
  }

  @Operation(summary = "Upload a TorchScript version, or a block spec with its weights or backbone",
      description = "multipart/form-data. TorchScript: part `file` (a torch.jit.save archive; streamed to disk, never "
          + "buffered in memory) and optional part `metadata` (JSON: inputSize, mean, std, visualDegrees, taps, "
          + "v1Layer); the version id is the sha-256 of the file, the same bytes again return the existing version "
          + "with 200 instead of 201. Block spec: part `spec` (the spec JSON) or `reference` (a shipped spec's name), "
          + "plus `weights` (a PyTorch state dict as .safetensors or .npz, entries named <layer name>.<entry>) or, "
          + "for a hybrid spec whose last layer is `torchscript`, `backbone` (the TorchScript archive); the version "
          + "hashes the canonical spec and the file together.")
  @ApiResponse(responseCode = "201", description = "A new version; Location names it", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "200", description = "The same content is already a version of this model: that version", useReturnTypeSchema = true)
  @PostMapping(value = "/{id}/versions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<VersionView> upload(@PathVariable long id,
                                     @RequestPart(value = "file", required = false) MultipartFile file,
                                     @RequestPart(value = "metadata", required = false) String metadata,
                                     @RequestPart(value = "spec", required = false) String spec,
                                     @RequestPart(value = "reference", required = false) String reference,
                                     @RequestPart(value = "weights", required = false) MultipartFile weights,
                                     @RequestPart(value = "backbone", required = false) MultipartFile backbone,
                                     HttpServletRequest request) {
    Caller caller = Callers.require(request, Scope.SUBMIT);
    if (spec == null && reference == null) {
      if (file == null) {
        throw new ProblemException(ProblemStatus.BAD_REQUEST, "missing-part", "Multipart part 'file' is missing", "file",
            "Send a TorchScript archive as 'file', or a block spec as 'spec'/'reference' with 'weights' or "
                + "'backbone'", java.util.Map.of());
      }
      if (weights != null || backbone != null) {
        throw new ProblemException(ProblemStatus.BAD_REQUEST, "invalid-field", "'weights' and 'backbone' go with a block "
            + "spec", weights != null ? "weights" : "backbone", "Add part 'spec' or 'reference'", java.util.Map.of());
      }
      return respond(versionService.uploadTorchScript(id, caller, ModelVersionService.open(file), metadata));
    }
    if (spec != null && reference != null) {
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "invalid-field", "Send exactly one of 'spec' and 'reference'",
          "reference", "e.g. reference=pogoncheff2023-composite-a", java.util.Map.of());
    }
    MultipartFile artifact = weights != null ? weights : backbone != null ? backbone : file;
    String partName = weights != null ? "weights" : backbone != null ? "backbone" : "file";
    int artifacts = (weights != null ? 1 : 0) + (backbone != null ? 1 : 0) + (file != null ? 1 : 0);
    if (artifacts > 1) {
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "invalid-field", "A block-spec version takes one file: "
          + "'weights' or, for a hybrid spec, 'backbone'", partName, "Send one of them", java.util.Map.of());
    }
    var specNode = reference != null ? referenceSpecs.load(reference.strip()) : parseSpec(spec);
    checkHybridParts(specNode, weights != null, backbone != null, file != null);
    if (artifact == null) {
      return respond(versionService.createFromSpec(id, caller, specNode, metadataNode(metadata)));
    }
    return respond(versionService.createFromSpecWithArtifact(id, caller, specNode, metadataNode(metadata),
        ModelVersionService.open(artifact), partName));
  }

  /**
   * A hybrid spec (last layer {@code torchscript}) takes its backbone in part {@code backbone} (or the legacy
   * {@code file}); any other spec takes no backbone. Checked before the upload is staged, so a backbone is never read
   * as a weights file nor weights as a backbone.
   */
  private static void checkHybridParts(tools.jackson.databind.JsonNode spec, boolean weights, boolean backbone,
                                       boolean file) {
    var layers = spec.path("layers");
    boolean hybrid = layers.isArray() && !layers.isEmpty()
        && io.striate.model.spec.BlockSpecCompiler.TORCHSCRIPT.equals(layers.get(layers.size() - 1).path("type")
        .asString(""));
    if (!hybrid && backbone) {
      throw new ProblemException(ProblemStatus.UNPROCESSABLE_ENTITY, "invalid-field", "A 'backbone' goes with a hybrid "
          + "spec, and this spec's last layer is not {\"type\": \"torchscript\"}", "backbone",
          "Add {\"type\": \"torchscript\", \"name\": \"backbone\"} as the last layer, or send trained weights as "
              + "part 'weights'", java.util.Map.of());
    }
    if (hybrid && weights) {
      throw new ProblemException(ProblemStatus.UNPROCESSABLE_ENTITY, "invalid-field", "A hybrid spec takes its "
          + "TorchScript backbone, not a weights file (trained front-end weights with a backbone are not supported)",
          "weights", "Send the TorchScript archive as part 'backbone'", java.util.Map.of());
    }
    if (hybrid && !backbone && !file) {
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "missing-part", "The spec's last layer is torchscript: "
          + "its TorchScript backbone is missing", "backbone", "Send it in the same request: -F backbone=@backbone.pt",
          java.util.Map.of());
    }
  }

  private tools.jackson.databind.JsonNode parseSpec(String text) {
    try {
      var node = json.readTree(text);
      if (!node.isObject()) {
        throw new ProblemException(ProblemStatus.BAD_REQUEST, "invalid-field", "spec must be a JSON object", "spec",
            "See /schemas/block-spec.schema.json", java.util.Map.of());
      }
      return node;
    } catch (tools.jackson.core.JacksonException e) {
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "malformed-json", "The spec part is not JSON: "
          + e.getOriginalMessage(), "spec", "Send the block spec as a JSON object", java.util.Map.of());
    }
  }

  private tools.jackson.databind.JsonNode metadataNode(String text) {
    if (text == null || text.isBlank()) return null;
    try {
      return json.readTree(text);
    } catch (tools.jackson.core.JacksonException e) {
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "malformed-json", "The metadata part is not JSON: "
          + e.getOriginalMessage(), "metadata", "Send the metadata part as a JSON object", java.util.Map.of());
    }
  }

  @Operation(summary = "Create a block-spec version",
      description = "A declarative model built from Striate's biological blocks: either `spec` inline (see the "
          + "JSON Schema at /schemas/block-spec.schema.json) or `reference`, the id of a spec shipped with Striate "
          + "(e.g. vone-v1, pixels, random-gabor), plus optional `metadata`. A bare spec (the spec object itself, "
          + "recognised by its `layers`) is accepted as if wrapped in `{\"spec\": …}`. Other top-level keys are a "
          + "422 `unknown-field` naming the nearest valid key. The version's identity is the sha-256 of the "
          + "canonical JSON, combined with the effective metadata when `metadata` changes it.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
      value = "{\"reference\": \"vone-v1\"}")))
  @ApiResponse(responseCode = "201", description = "A new version; Location names it", useReturnTypeSchema = true)
  @ApiResponse(responseCode = "200", description = "The same content is already a version of this model: that version", useReturnTypeSchema = true)
  @PostMapping(value = "/{id}/versions", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<VersionView> createFromSpec(@PathVariable long id, @RequestBody JsonNode raw,
                                             HttpServletRequest request) {
    Caller caller = Callers.require(request, Scope.SUBMIT);
    CreateSpecVersion body = CreateSpecVersion.of(raw);
    if ((body.spec() == null || body.spec().isNull()) == (body.reference() == null)) {
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "invalid-field", "Send exactly one of 'spec' and 'reference'",
          body.reference() == null ? "/spec" : "/reference", "e.g. {\"reference\": \"vone-v1\"} or "
          + "{\"spec\": {\"name\": …, \"input\": …, \"layers\": […], \"taps\": […]}, \"metadata\": {…}}");
    }
    var spec = body.reference() != null ? referenceSpecs.load(body.reference()) : body.spec();
    if (!spec.isObject()) {
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "invalid-field", "spec must be a JSON object", "/spec",
          "See /schemas/block-spec.schema.json; send {\"spec\": {…}}");
    }
    return respond(versionService.createFromSpec(id, caller, spec, body.metadata()));
  }

  private ResponseEntity<VersionView> respond(ModelVersionService.Outcome outcome) {
    VersionView view = view(outcome.version(), true);
    if (outcome.created()) {
      return ResponseEntity.created(URI.create("/api/v1/models/" + view.modelId() + "/versions/" + view.id()))
          .body(view);
    }
    return ResponseEntity.ok(view);
  }

  @Operation(summary = "One version with its scores")
  @GetMapping("/{id}/versions/{versionId}")
  VersionView version(@PathVariable long id, @PathVariable long versionId, HttpServletRequest request) {
    boolean owner = owns(visible(id, request), request);
    return versions.findById(versionId).filter(v -> v.getModelId() == id).map(v -> view(v, owner))
        .orElseThrow(() -> ProblemException.notFound("version", versionId));
  }

  private RegisteredModel visible(long id, HttpServletRequest request) {
    return access.requireModel(id, Callers.current(request));
  }

  private static boolean owns(RegisteredModel model, HttpServletRequest request) {
    return ModelAccess.owns(model, Callers.current(request));
  }

  /** @param owner whether the caller owns the model (then failed benchmarks carry their retry request) */
  private VersionView view(ModelVersion v, boolean owner) {
    List<ScoreView> scoreViews = results.scores(v.getId()).stream()
        .map(ModelController::scoreView).toList();
    var leafStates = states.of(v.getId());
    List<ModelRequests.BenchmarkStateView> benchmarkStates = leafStates.values().stream()
        .map(st -> new ModelRequests.BenchmarkStateView(st.benchmarkId(), st.state(), st.ceiled(), st.failure(),
            st.reason(), st.howTo(), owner && BenchmarkStates.FAILED.equals(st.state())
            ? BenchmarkStates.retry(v.getId(), st.benchmarkId()) : null)).toList();
    return ModelRequests.versionView(v, json.readTree(v.getMetadata()), scoreViews,
        scoreViews.isEmpty() ? null : states.aggregate(leafStates), benchmarkStates,
        results.sweep(v.getId()).stream().map(r -> new ModelRequests.SweepRow(
            r.getBenchmarkId(), r.getLayer(), r.getRaw(), r.getCeiled(), r.getError(), r.isChosen())).toList());
  }

  private static ScoreView scoreView(Score s) {
    return new ScoreView(s.getId(), s.getBenchmarkId(), s.getBenchmarkVersion(), s.getRaw(), s.getCeiling(),
        s.getCeiled(), s.getError(), s.getLayer(), s.getFormulaId(), s.getCreatedAt());
  }

  @Operation(summary = "One score with its evidence",
      description = "The details document of a score: for property benchmarks the selected units, each unit's "
          + "property value, the model and primate histograms (bins, counts) and the KS statistic; for "
          + "predictivity the per-split and per-neuroid correlations and the layer sweep.")
  @GetMapping("/{id}/versions/{versionId}/scores/{benchmarkId}")
  ModelRequests.ScoreDetails score(@PathVariable long id, @PathVariable long versionId,
                                   @PathVariable String benchmarkId, HttpServletRequest request) {
    visible(id, request);
    versions.findById(versionId).filter(v -> v.getModelId() == id)
        .orElseThrow(() -> ProblemException.notFound("version", versionId));
    Score s = results.score(versionId, benchmarkId)
        .orElseThrow(() -> new ProblemException(ProblemStatus.NOT_FOUND, "score-not-found", "Version " + versionId
            + " has no score on " + benchmarkId, "benchmarkId", "Submit it: POST /api/v1/submissions"));
    return new ModelRequests.ScoreDetails(scoreView(s), json.readTree(s.getDetails()));
  }
}
