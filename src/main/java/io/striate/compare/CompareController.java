package io.striate.compare;

import io.striate.account.Caller;
import io.striate.account.Callers;
import io.striate.benchmark.Benchmark;
import io.striate.benchmark.BenchmarkRegistry;
import io.striate.model.catalog.ModelAccess;
import io.striate.model.catalog.ModelVersion;
import io.striate.model.catalog.RegisteredModel;
import io.striate.results.Score;
import io.striate.results.VersionResults;
import io.striate.problem.ProblemException;
import io.striate.problem.ProblemStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "models", description = "Register models and upload versions")
@RestController
class CompareController {
  /** {@code [owner/]name@latest|previous}; names are unique per owner. */
  private static final Pattern NAMED = Pattern.compile("(?:([^/@]+)/)?([^/@]+)@(latest|previous)");

  private final ModelAccess access;
  private final VersionResults results;
  private final BenchmarkRegistry benchmarks;

  CompareController(ModelAccess access, VersionResults results, BenchmarkRegistry benchmarks) {
    this.access = access;
    this.results = results;
    this.benchmarks = benchmarks;
  }

  @Operation(summary = "Compare a version's scores with another version's",
      description = "`against` is a version id, `model-name@latest` (that model's newest scored version other than "
          + "this one) or `model-name@previous` (its newest scored version older than this one; for this version's own "
          + "model: the version before it); prefix `owner/` when several owners use the name. Per benchmark scored on "
          + "both and per score-tree node (aggregated over the common benchmarks): both values, `delta = value − "
          + "againstValue`, `combinedError = √(error² + againstError²)` and `beyondError = |delta| > combinedError`; "
          + "`verdict` is `worse` when anything dropped beyond its error. A CI gate: "
          + "`striate compare VERSION --against NAME@previous --fail-if-worse`.")
  @GetMapping("/api/v1/models/{id}/versions/{versionId}/compare")
  VersionComparison compare(@PathVariable long id, @PathVariable long versionId,
                            @Parameter(description = "version id, name@latest or name@previous",
                                example = "my-net@previous") @RequestParam String against,
                            HttpServletRequest request) {
    Optional<Caller> caller = Callers.current(request);
    RegisteredModel model = access.requireModel(id, caller);
    ModelVersion version = access.version(id, versionId, caller)
        .orElseThrow(() -> ProblemException.notFound("version", versionId));
    Resolved other = resolve(against.trim(), version, caller);
    if (other.version().getId().equals(version.getId())) {
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "invalid-against", "'" + against + "' is version " + versionId
          + " itself", "against", "Compare with another version, e.g. " + model.getName() + "@previous");
    }
    Map<String, ScoreComparison.Leaf> mine = leaves(version.getId());
    Map<String, ScoreComparison.Leaf> theirs = leaves(other.version().getId());
    Map<String, String> notCompared = new TreeMap<>();
    mine.keySet().stream().filter(k -> !theirs.containsKey(k))
        .forEach(k -> notCompared.put(k, "not scored on version " + other.version().getId()));
    theirs.keySet().stream().filter(k -> !mine.containsKey(k))
        .forEach(k -> notCompared.put(k, "not scored on version " + versionId));
    if (mine.keySet().stream().noneMatch(theirs::containsKey)) {
      throw new ProblemException(ProblemStatus.UNPROCESSABLE_ENTITY, "no-common-benchmark", "Versions " + versionId + " and "
          + other.version().getId() + " have no benchmark scored on both (at the same benchmark version)", "against",
          "Submit both versions on the same benchmarks (e.g. the suite v1) and wait for them to finish",
          Map.of("notCompared", notCompared));
    }
    VersionComparison.Side mySide = new VersionComparison.Side(version.getId(), model.getId(), model.getName(),
        model.getOwner(), null);
    VersionComparison.Side theirSide = new VersionComparison.Side(other.version().getId(), other.model().getId(),
        other.model().getName(), other.model().getOwner(), against);
    return ScoreComparison.compare(benchmarks.tree(), mySide, theirSide, mine, theirs, notCompared);
  }

  private record Resolved(RegisteredModel model, ModelVersion version) {
  }

  private Resolved resolve(String against, ModelVersion version, Optional<Caller> caller) {
    if (against.matches("\\d{1,18}")) {
      long otherId = Long.parseLong(against);
      ModelVersion v = access.version(otherId, caller).orElseThrow(() -> againstNotFound("No version " + otherId));
      RegisteredModel m = access.model(v.getModelId(), caller)
          .orElseThrow(() -> againstNotFound("No version " + otherId));
      return new Resolved(m, v);
    }
    Matcher named = NAMED.matcher(against);
    if (!named.matches()) {
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "invalid-against", "'" + against + "' is neither a version id "
          + "nor name@latest / name@previous", "against", "e.g. against=42, against=my-net@previous or "
          + "against=alice/my-net@latest");
    }
    RegisteredModel m = named(named.group(1), named.group(2), version, caller);
    boolean previous = named.group(3).equals("previous");
    List<ModelVersion> newestFirst = new ArrayList<>(access.versions(m));
    Collections.reverse(newestFirst);
    List<ModelVersion> candidates = newestFirst.stream()
        .filter(v -> !v.getId().equals(version.getId()))
        .filter(v -> !previous || v.getId() < version.getId())
        .filter(v -> !results.scores(v.getId()).isEmpty())
        .toList();
    if (candidates.isEmpty()) {
      throw new ProblemException(ProblemStatus.NOT_FOUND, "no-version-to-compare", "Model '" + m.getName() + "' has no "
          + (previous ? "scored version older than " + version.getId() : "other scored version"), "against",
          "Nothing to compare with yet: the first version of a model passes the gate; submit and wait for the "
              + "earlier version's scores first");
    }
    return new Resolved(m, candidates.get(0));
  }

  /** The model called {@code name}: the given owner's, else the compared version's own model, else the caller's. */
  private RegisteredModel named(String owner, String name, ModelVersion version, Optional<Caller> caller) {
    List<RegisteredModel> all = access.named(name, caller).stream()
        .filter(m -> owner == null || m.getOwner().equals(owner)).toList();
    Optional<RegisteredModel> preferred = all.stream().filter(m -> m.getId().equals(version.getModelId())).findFirst()
        .or(() -> all.stream().filter(m -> caller.map(c -> c.owner().equals(m.getOwner())).orElse(false)).findFirst());
    if (preferred.isPresent()) {
      return preferred.get();
    }
    if (all.size() > 1) {
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "ambiguous-against", "Several owners have a model named '"
          + name + "'", "against", "Prefix the owner: against=OWNER/" + name + "@previous",
          Map.of("owners", all.stream().map(RegisteredModel::getOwner).toList()));
    }
    return all.stream().findFirst().orElseThrow(() -> againstNotFound("No model named '" + name + "'"));
  }

  private static ProblemException againstNotFound(String detail) {
    return new ProblemException(ProblemStatus.NOT_FOUND, "against-not-found", detail, "against",
        "Name a version id or a model you can see (its name, or owner/name), e.g. my-net@previous");
  }

  /** The version's current scores (benchmark version as registered now) by benchmark id. */
  private Map<String, ScoreComparison.Leaf> leaves(long versionId) {
    Map<String, ScoreComparison.Leaf> out = new LinkedHashMap<>();
    for (Score s : results.scores(versionId)) {
      Optional<Benchmark> b = benchmarks.find(s.getBenchmarkId());
      if (s.getCeiled() != null && b.isPresent() && b.get().info().version() == s.getBenchmarkVersion()) {
        out.put(s.getBenchmarkId(), new ScoreComparison.Leaf(s.getCeiled(), s.getError()));
      }
    }
    return out;
  }
}
