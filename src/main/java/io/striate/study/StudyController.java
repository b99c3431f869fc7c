package io.striate.study;

import io.striate.account.Caller;
import io.striate.account.Callers;
import io.striate.account.Scope;
import io.striate.model.catalog.ModelAccess;
import io.striate.model.spec.ReferenceSpecs;
import io.striate.submission.ModelVersionService;
import io.striate.problem.ProblemException;
import io.striate.problem.ProblemStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Tag(name = "studies", description = "Component-ablation studies: variants of a model against a baseline")
@RestController
class StudyController {
  private final StudyRepository studies;
  private final StudyVariantRepository variants;
  private final ModelAccess access;
  private final StudyTables tables;
  private final ModelVersionService versionService;
  private final TransactionTemplate tx;
  private final JsonMapper json;

  StudyController(StudyRepository studies, StudyVariantRepository variants, ModelAccess access, StudyTables tables,
                  ModelVersionService versionService, TransactionTemplate tx, JsonMapper json) {
    this.studies = studies;
    this.variants = variants;
    this.access = access;
    this.tables = tables;
    this.versionService = versionService;
    this.tx = tx;
    this.json = json;
  }

  /** A variant given explicitly. */
  record VariantRequest(String label, Long versionId) {
  }

  @Operation(summary = "Create a study",
      description = "Either explicit versions — `{\"name\", \"baseline\": versionId, \"variants\": [{\"label\", "
          + "\"versionId\"}]}` — or a spec to ablate — `{\"name\", \"model\": modelId, \"ablate\": <block spec> | "
          + "{\"reference\": name}, \"components\": [\"dog\", \"locally-connected\", \"tuned-normalization\", "
          + "\"cortical-magnification\"]}` — which creates (after preflight) a version per variant in that model: "
          + "`full` (the baseline), `without-<c>` (leave one out), `none` and `only-<c>` (add one). Submit the "
          + "versions to score them; GET the study for the table.")
  @ApiResponse(responseCode = "201", description = "Created; Location names the study", useReturnTypeSchema = true)
  @PostMapping(value = "/api/v1/studies", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<StudyTable> create(@RequestBody JsonNode body, HttpServletRequest request) {
    Caller caller = Callers.require(request, Scope.SUBMIT);
    String name = body.path("name").asString("");
    if (name.isBlank() || name.length() > 200) {
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "invalid-field", "A study needs a name (≤ 200 characters)",
          "/name", "e.g. {\"name\": \"composite ablation\", ...}");
    }
    Map<String, Long> rows = body.has("ablate") ? ablate(body, caller) : explicit(body, caller);
    Study study = tx.execute(s -> {
      Study saved = studies.save(new Study(caller.owner(), name, rows.values().iterator().next()));
      int position = 0;
      for (var e : rows.entrySet()) variants.save(new StudyVariant(saved.getId(), position++, e.getKey(), e.getValue()));
      return saved;
    });
    return ResponseEntity.created(URI.create("/api/v1/studies/" + study.getId())).body(tables.table(study));
  }

  @Operation(summary = "A study's table",
      description = "Rows = variants (baseline first), columns = score-tree nodes and scored benchmarks; each cell "
          + "the value, its error, the delta against the baseline, the combined error and whether the delta is beyond "
          + "it. `Accept: text/csv` or `?format=csv` for a CSV export (the page's download link).")
  @GetMapping(value = "/api/v1/studies/{id}", produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
  ResponseEntity<?> get(@PathVariable long id, @RequestParam(required = false) String format,
                        HttpServletRequest request) {
    StudyTable table = tables.table(id).orElseThrow(() -> ProblemException.notFound("study", id));
    String accept = Optional.ofNullable(request.getHeader("Accept")).orElse("");
    if (format != null && !format.equals("csv") && !format.equals("json")) {
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "invalid-field", "format must be csv or json", "/format",
          "e.g. ?format=csv");
    }
    if ("csv".equals(format) || (format == null && accept.contains("text/csv"))) {
      return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
          .header("Content-Disposition", "attachment; filename=\"study-" + id + ".csv\"").body(table.csv());
    }
    return ResponseEntity.ok(table);
  }

  private Map<String, Long> explicit(JsonNode body, Caller caller) {
    JsonNode baseline = body.get("baseline");
    if (baseline == null || !baseline.canConvertToLong()) {
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "invalid-field", "baseline must be a version id", "/baseline",
          "Or send {\"ablate\": <spec>, \"components\": [...]} to generate the variants");
    }
    JsonNode list = body.path("variants");
    if (!list.isArray() || list.isEmpty()) {
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "invalid-field", "variants must list at least one version",
          "/variants", "e.g. [{\"label\": \"without-dog\", \"versionId\": 12}]");
    }
    Map<String, Long> rows = new LinkedHashMap<>();
    rows.put(body.path("baselineLabel").asString("baseline"), visibleVersion(baseline.asLong(), "/baseline", caller));
    for (int i = 0; i < list.size(); i++) {
      JsonNode v = list.get(i);
      String label = v.path("label").asString("");
      if (label.isBlank() || label.length() > 100 || rows.containsKey(label)) {
        throw new ProblemException(ProblemStatus.BAD_REQUEST, "invalid-field", "Each variant needs a distinct label",
            "/variants/" + i + "/label", "e.g. without-dog");
      }
      if (!v.path("versionId").canConvertToLong()) {
        throw new ProblemException(ProblemStatus.BAD_REQUEST, "invalid-field", "versionId must be a version id",
            "/variants/" + i + "/versionId", "e.g. 12");
      }
      rows.put(label, visibleVersion(v.get("versionId").asLong(), "/variants/" + i + "/versionId", caller));
    }
    return rows;
  }

  private Map<String, Long> ablate(JsonNode body, Caller caller) {
    if (!body.path("model").canConvertToLong()) {
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "invalid-field", "model must be the id of your model that "
          + "receives the generated versions", "/model", "Register one with POST /api/v1/models");
    }
    JsonNode spec = body.get("ablate");
    if (spec.has("reference")) {
      String ref = spec.get("reference").asString();
      spec = ReferenceSpecs.json(ref).map(json::readTree).orElseThrow(() -> new ProblemException(
          ProblemStatus.BAD_REQUEST, "unknown-reference", "No reference spec '" + ref + "'", "/ablate/reference",
          "Shipped specs: " + ReferenceSpecs.NAMES));
    }
    if (!spec.isObject() || !spec.path("layers").isArray() || !spec.path("taps").isArray()) {
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "invalid-field", "ablate must be a block spec",
          "/ablate", "See /schemas/block-spec.schema.json");
    }
    List<String> components = new ArrayList<>();
    for (JsonNode c : body.path("components")) components.add(c.asString());
    Map<String, Long> rows = new LinkedHashMap<>();
    long model = body.get("model").asLong();
    for (var e : Ablation.variants(json, spec, components).entrySet()) {
      rows.put(e.getKey(), versionService.createFromSpec(model, caller, e.getValue(), null).version().getId());
    }
    return rows;
  }

  private long visibleVersion(long id, String field, Caller caller) {
    if (access.version(id, Optional.of(caller)).isEmpty()) {
      throw new ProblemException(ProblemStatus.NOT_FOUND, "version-not-found", "No version " + id, field,
          "Name a version of a public model or of your own");
    }
    return id;
  }
}
