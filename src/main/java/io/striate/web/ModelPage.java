package io.striate.web;

import io.striate.benchmark.Benchmark;
import io.striate.benchmark.BenchmarkRegistry;
import io.striate.benchmark.ScoreAggregator;
import io.striate.benchmark.ScoreTree;
import io.striate.leaderboard.LeaderboardUpdater;
import io.striate.model.catalog.ModelAccess;
import io.striate.model.catalog.ModelVersion;
import io.striate.model.catalog.RegisteredModel;
import io.striate.results.LayerSweepRepository;
import io.striate.results.LayerSweepRow;
import io.striate.results.Score;
import io.striate.results.ScoreRepository;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The model page {@code /models/{id}}: the model card, every version (hash, date, input spec, taps and their
 * shapes, V1 layer and how it was chosen, the preflight report), the score tree, every score with raw, ceiling,
 * ceiled, error, benchmark version and formula, each property benchmark's model-vs-primate histogram, the layer
 * sweep, and the submission history with live progress. Scores and their details come in one query per version.
 */
@Controller
class ModelPage {
  private final ModelAccess access;
  private final ScoreRepository scores;
  private final LayerSweepRepository sweeps;
  private final LeaderboardUpdater leaderboard;
  private final BenchmarkRegistry benchmarks;
  private final PropertyEvidence evidence;
  private final JobActivity activity;
  private final JsonMapper json;
  private final io.striate.leaderboard.BenchmarkStates states;

  ModelPage(ModelAccess access, ScoreRepository scores,
            LayerSweepRepository sweeps, LeaderboardUpdater leaderboard, BenchmarkRegistry benchmarks,
            PropertyEvidence evidence, JobActivity activity, JsonMapper json,
            io.striate.leaderboard.BenchmarkStates states) {
    this.states = states;
    this.access = access;
    this.scores = scores;
    this.sweeps = sweeps;
    this.leaderboard = leaderboard;
    this.benchmarks = benchmarks;
    this.evidence = evidence;
    this.activity = activity;
    this.json = json;
  }

  record TapView(String name, String shape, Integer units) {
  }

  record ScoreRow(Score score, String title, String benchmarkUrl, PropertyEvidence.View plot, boolean current) {
  }

  record TreeRow(String node, String label, int level, ScoreAggregator.NodeValue value, String missing) {
  }

  record VersionView(ModelVersion version, JsonNode metadata, JsonNode preflight, List<TapView> taps, String mean,
                     String std, String inputSize, String visualDegrees, List<TreeRow> tree, List<ScoreRow> scores,
                     String sweepSvg, List<io.striate.leaderboard.BenchmarkStates.State> states) {
  }

  @GetMapping("/models/{id}")
  String page(@PathVariable String id, Model model, HttpServletResponse response) {
    Optional<RegisteredModel> found = publicModel(id);
    if (found.isEmpty()) {
      return NotFound.page(response, model, "Model not found", "There is no public model with id " + id + ".");
    }
    RegisteredModel m = found.get();
    List<ModelVersion> all = new ArrayList<>(access.versions(m));
    java.util.Collections.reverse(all);
    List<VersionView> views = all.stream().map(this::version).toList();
    var history = activity.ofVersions(all.stream().map(ModelVersion::getId).toList());
    model.addAttribute("m", m);
    model.addAttribute("paperUrl", WebFormat.safeUrl(m.getPaperUrl()));
    model.addAttribute("codeUrl", WebFormat.safeUrl(m.getCodeUrl()));
    model.addAttribute("versions", views);
    model.addAttribute("history", history);
    model.addAttribute("active", JobActivity.anyActive(history));
    return "model";
  }

  /** The submission history fragment, polled by htmx every 2 s while a job is pending; reloads the page at the end. */
  @GetMapping("/models/{id}/activity")
  String activity(@PathVariable String id, @RequestParam(defaultValue = "false") boolean wasActive, Model model,
                  HttpServletResponse response) {
    Optional<RegisteredModel> found = publicModel(id);
    if (found.isEmpty()) {
      return NotFound.page(response, model, "Model not found", "There is no public model with id " + id + ".");
    }
    var history = activity.ofVersions(access.versions(found.get()).stream()
        .map(ModelVersion::getId).toList());
    boolean active = JobActivity.anyActive(history);
    if (wasActive && !active) {
      response.setHeader("HX-Refresh", "true");
    }
    model.addAttribute("m", found.get());
    model.addAttribute("history", history);
    model.addAttribute("active", active);
    return "model :: activity";
  }

  @GetMapping("/model.html")
  String oldModelPage(@RequestParam(required = false) String id) {
    return id != null && id.matches("\\d{1,18}") ? "redirect:/models/" + id : "redirect:/";
  }

  /** The model as an anonymous visitor sees it (pages carry no token): public models only. */
  private Optional<RegisteredModel> publicModel(String id) {
    if (!id.matches("\\d{1,18}")) {
      return Optional.empty();
    }
    return access.model(Long.parseLong(id), Optional.empty());
  }

  private VersionView version(ModelVersion v) {
    JsonNode metadata = json.readTree(v.getMetadata() == null ? "{}" : v.getMetadata());
    JsonNode preflight = metadata.path("preflight");
    JsonNode specInput = v.getSpec() == null ? json.createObjectNode() : json.readTree(v.getSpec()).path("input");
    List<TapView> taps = new ArrayList<>();
    for (JsonNode t : preflight.path("taps")) {
      taps.add(new TapView(t.path("name").asString(""), t.path("channels").asInt() + " × " + t.path("height").asInt()
          + " × " + t.path("width").asInt(), t.has("units") ? t.path("units").asInt() : null));
    }
    List<Score> list = scores.findByModelVersionIdOrderByBenchmarkIdAsc(v.getId());
    List<ScoreRow> rows = list.stream().map(s -> scoreRow(s)).toList();
    return new VersionView(v, metadata, preflight.isMissingNode() ? null : preflight, taps,
        firstText(metadata.path("mean"), specInput.path("mean")), firstText(metadata.path("std"), specInput.path("std")),
        firstText(metadata.path("inputSize"), specInput.path("size"), preflight.path("inputSize")),
        firstText(metadata.path("visualDegrees"), specInput.path("visualDegrees"), preflight.path("visualDegrees")),
        list.isEmpty() ? List.of() : tree(leaderboard.aggregate(v.getId()), list), rows, sweep(v.getId()),
        List.copyOf(states.of(v.getId()).values()));
  }

  private ScoreRow scoreRow(Score s) {
    Optional<Benchmark> b = benchmarks.find(s.getBenchmarkId());
    String title = b.map(x -> x.info().title()).orElse(s.getBenchmarkId());
    JsonNode details = json.readTree(s.getDetails() == null ? "{}" : s.getDetails());
    PropertyEvidence.View plot = PropertyEvidence.isProperty(details) ? evidence.view(title, details) : null;
    boolean current = b.map(x -> x.info().version() == s.getBenchmarkVersion()).orElse(false);
    return new ScoreRow(s, title, b.isPresent() ? "/benchmarks/" + s.getBenchmarkId() : null, plot, current);
  }

  private List<TreeRow> tree(Map<String, ScoreAggregator.NodeValue> nodes, List<Score> list) {
    List<TreeRow> out = new ArrayList<>();
    ScoreTree tree = benchmarks.tree();
    walk(tree, ScoreTree.V1, 0, nodes, list, out);
    return out;
  }

  private void walk(ScoreTree tree, String node, int level, Map<String, ScoreAggregator.NodeValue> nodes,
                    List<Score> list, List<TreeRow> out) {
    ScoreAggregator.NodeValue v = nodes.get(node);
    if (v == null) {
      Double ceiled = list.stream().filter(s -> s.getBenchmarkId().equals(node)).map(Score::getCeiled).findFirst()
          .orElse(null);
      v = new ScoreAggregator.NodeValue(ceiled, ceiled, ceiled == null ? 0 : 1, 1, ceiled == null ? 0 : 1, 1, 1,
          node + ": 1 benchmark", List.of());
    }
    String missing = v.missing().isEmpty() ? "" : v.missing().size() + " of " + v.totalChildren() + " missing: "
        + String.join("; ", v.missing().stream().map(x -> x.id() + " (" + x.reason() + ")").toList());
    out.add(new TreeRow(node, ScoreLabels.shortLabel(node), level, v, missing));
    if (tree.isNode(node) && level < 2) {
      for (String child : tree.childrenOf(node)) {
        walk(tree, child, level + 1, nodes, list, out);
      }
    } else if (tree.isNode(node)) {
      for (String child : tree.childrenOf(node)) {
        if (list.stream().anyMatch(s -> s.getBenchmarkId().equals(child))) {
          walk(tree, child, level + 1, nodes, list, out);
        }
      }
    }
  }

  private String sweep(long versionId) {
    List<LayerSweepRow> rows = sweeps.findByModelVersionIdOrderByLayerAsc(versionId);
    if (rows.isEmpty()) {
      return null;
    }
    int chosen = -1;
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).isChosen()) {
        chosen = i;
      }
    }
    return Plots.sweep("Layer sweep on " + rows.get(0).getBenchmarkId() + ": ceiled score per candidate layer",
        rows.stream().map(LayerSweepRow::getLayer).toList(), rows.stream().map(LayerSweepRow::getCeiled).toList(),
        rows.stream().map(LayerSweepRow::getError).toList(), chosen);
  }

  private static String firstText(JsonNode... nodes) {
    for (JsonNode n : nodes) {
      if (n != null && !n.isMissingNode() && !n.isNull()) {
        return n.isArray() || n.isObject() ? n.toString() : n.asString();
      }
    }
    return null;
  }
}
