package io.striate.submission;

import io.striate.problem.ProblemStatus;
import io.striate.account.Caller;
import io.striate.account.Callers;
import io.striate.account.Scope;
import io.striate.model.catalog.ModelVersion;
import io.striate.model.catalog.ModelVersionRepository;
import io.striate.model.catalog.RegisteredModel;
import io.striate.model.catalog.RegisteredModelRepository;
import io.striate.results.ScoreRepository;
import io.striate.submission.ModelRequests.CreateModel;
import io.striate.submission.ModelRequests.CreateSpecVersion;
import io.striate.submission.ModelRequests.ModelView;
import io.striate.submission.ModelRequests.ScoreView;
import io.striate.submission.ModelRequests.VersionView;
import io.striate.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
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
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.json.JsonMapper;

@Tag(name = "models", description = "Register models and upload versions")
@RestController
@RequestMapping("/api/v1/models")
class ModelController {
  private final RegisteredModelRepository models;
  private final ModelVersionRepository versions;
  private final ScoreRepository scores;
  private final ModelVersionService versionService;
  private final ReferenceSpecs referenceSpecs;
  private final JsonMapper json;
  private final io.striate.leaderboard.LeaderboardUpdater leaderboard;
  private final io.striate.results.LayerSweepRepository sweeps;

  ModelController(RegisteredModelRepository models, ModelVersionRepository versions, ScoreRepository scores,
                  ModelVersionService versionService, ReferenceSpecs referenceSpecs, JsonMapper json,
                  io.striate.leaderboard.LeaderboardUpdater leaderboard,
                  io.striate.results.LayerSweepRepository sweeps) {
    this.leaderboard = leaderboard;
    this.sweeps = sweeps;
    this.models = models;
    this.versions = versions;
    this.scores = scores;
    this.versionService = versionService;
    this.referenceSpecs = referenceSpecs;
    this.json = json;
  }

  @Operation(summary = "Register a model", description = "The owner is the token's owner. Names are unique per owner.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(value = """
      {"name": "vone-resnet", "description": "VOneBlock front end", "visibility": "public",
       "paperUrl": "https://arxiv.org/abs/2006.00000", "codeUrl": "https://github.com/me/vone", "bibtex": "@article{…}"}""")))
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<ModelView> create(@RequestBody @Valid CreateModel body, HttpServletRequest request) {
    Caller caller = Callers.require(request, Scope.SUBMIT);
    LinkFields.requireHttp(body.paperUrl(), "/paperUrl");
    LinkFields.requireHttp(body.codeUrl(), "/codeUrl");
    if (models.findByOwnerAndName(caller.owner(), body.name()).isPresent()) {
      throw new ProblemException(ProblemStatus.CONFLICT, "model-name-taken", "You already have a model named '"
          + body.name() + "'", "/name", "Upload a new version of it, or choose another name");
    }
    RegisteredModel model = models.save(new RegisteredModel(caller.owner(), body.name(), body.description(),
        !"private".equals(body.visibility()), body.paperUrl(), body.codeUrl(), body.bibtex()));
    return ResponseEntity.created(URI.create("/api/v1/models/" + model.getId())).body(ModelView.of(model, List.of()));
  }

  @Operation(summary = "A model with its versions and their scores",
      description = "Private models are visible to their owner and administrators only.")
  @GetMapping("/{id}")
  ModelView get(@PathVariable long id, HttpServletRequest request) {
    RegisteredModel model = visible(id, request);
    List<VersionView> views = versions.findByModelIdOrderByIdAsc(id).stream().map(this::view).toList();
    return ModelView.of(model, views);
  }

  @Operation(summary = "Upload a TorchScript version",
      description = "multipart/form-data with part `file` (a torch.jit.save archive; streamed to disk, never "
          + "buffered in memory) and optional part `metadata` (JSON: inputSize, mean, std, visualDegrees, taps, "
          + "v1Layer). The version id is the sha-256 of the file: the same bytes again return the existing version "
          + "with 200 instead of 201.")
  @PostMapping(value = "/{id}/versions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<VersionView> upload(@PathVariable long id, @RequestPart("file") MultipartFile file,
                                     @RequestPart(value = "metadata", required = false) String metadata,
                                     HttpServletRequest request) {
    Caller caller = Callers.require(request, Scope.SUBMIT);
    return respond(versionService.uploadTorchScript(id, caller, ModelVersionService.open(file), metadata));
  }

  @Operation(summary = "Create a block-spec version",
      description = "A declarative model built from Striate's biological blocks: either `spec` inline (see the "
          + "JSON Schema at /schemas/block-spec.schema.json) or `reference`, the id of a spec shipped with Striate "
          + "(e.g. vone-v1, pixels, random-gabor). The version id is the sha-256 of the canonical JSON.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
      value = "{\"reference\": \"vone-v1\"}")))
  @PostMapping(value = "/{id}/versions", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<VersionView> createFromSpec(@PathVariable long id, @RequestBody CreateSpecVersion body,
                                             HttpServletRequest request) {
    Caller caller = Callers.require(request, Scope.SUBMIT);
    if ((body.spec() == null || body.spec().isNull()) == (body.reference() == null)) {
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "invalid-field", "Send exactly one of 'spec' and 'reference'",
          body.reference() == null ? "/spec" : "/reference", "e.g. {\"reference\": \"vone-v1\"}");
    }
    var spec = body.reference() != null ? referenceSpecs.load(body.reference()) : body.spec();
    if (!spec.isObject()) {
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "invalid-field", "spec must be a JSON object", "/spec",
          "See /schemas/block-spec.schema.json");
    }
    return respond(versionService.createFromSpec(id, caller, spec, body.metadata()));
  }

  private ResponseEntity<VersionView> respond(ModelVersionService.Outcome outcome) {
    VersionView view = view(outcome.version());
    if (outcome.created()) {
      return ResponseEntity.created(URI.create("/api/v1/models/" + view.modelId() + "/versions/" + view.id()))
          .body(view);
    }
    return ResponseEntity.ok(view);
  }

  @Operation(summary = "One version with its scores")
  @GetMapping("/{id}/versions/{versionId}")
  VersionView version(@PathVariable long id, @PathVariable long versionId, HttpServletRequest request) {
    visible(id, request);
    return versions.findById(versionId).filter(v -> v.getModelId() == id).map(this::view)
        .orElseThrow(() -> ProblemException.notFound("version", versionId));
  }

  private RegisteredModel visible(long id, HttpServletRequest request) {
    return models.findById(id).filter(m -> m.isPublic() || Callers.current(request).map(c -> c.owns(m.getOwner()))
        .orElse(false)).orElseThrow(() -> ProblemException.notFound("model", id));
  }

  private VersionView view(ModelVersion v) {
    List<ScoreView> scoreViews = scores.findByModelVersionIdOrderByBenchmarkIdAsc(v.getId()).stream()
        .map(ModelController::scoreView).toList();
    return ModelRequests.versionView(v, json.readTree(v.getMetadata()), scoreViews,
        scoreViews.isEmpty() ? null : leaderboard.aggregate(v.getId()),
        sweeps.findByModelVersionIdOrderByLayerAsc(v.getId()).stream().map(r -> new ModelRequests.SweepRow(
            r.getBenchmarkId(), r.getLayer(), r.getRaw(), r.getCeiled(), r.getError(), r.isChosen())).toList());
  }

  private static ScoreView scoreView(io.striate.results.Score s) {
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
    io.striate.results.Score s = scores.findByModelVersionIdOrderByBenchmarkIdAsc(versionId).stream()
        .filter(x -> x.getBenchmarkId().equals(benchmarkId)).findFirst()
        .orElseThrow(() -> new ProblemException(ProblemStatus.NOT_FOUND, "score-not-found", "Version " + versionId
            + " has no score on " + benchmarkId, "benchmarkId", "Submit it: POST /api/v1/submissions"));
    return new ModelRequests.ScoreDetails(scoreView(s), json.readTree(s.getDetails()));
  }
}
