package io.striate.web;

import io.striate.benchmark.BenchmarkRegistry;
import io.striate.benchmark.ScoreAggregator;
import io.striate.benchmark.ScoreTree;
import io.striate.leaderboard.Leaderboard;
import io.striate.leaderboard.LeaderboardUpdater;
import io.striate.model.catalog.ModelAccess;
import io.striate.model.catalog.ModelVersion;
import io.striate.model.catalog.RegisteredModel;
import io.striate.results.Score;
import io.striate.results.ScoreRepository;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The compare page {@code /compare?models=a,b,…}: two or more public models (or versions, {@code id@version}) side
 * by side on every node of the score tree, each one's delta to the first and whether the delta exceeds the combined
 * error √(e₁² + e₂²), plus the property histograms overlaid. A leaf's error is its score's error; a parent's error
 * is propagated through the mean assuming independent children, √(Σ eᵢ²) / n (missing children contribute 0).
 */
@Controller
class ComparePage {
  /** Most models compared at once. */
  static final int MAX_MODELS = 6;
  private final ModelAccess access;
  private final ScoreRepository scores;
  private final LeaderboardUpdater aggregates;
  private final BenchmarkRegistry benchmarks;
  private final PropertyEvidence evidence;
  private final Leaderboard leaderboard;
  private final JsonMapper json;

  ComparePage(ModelAccess access, ScoreRepository scores,
              LeaderboardUpdater aggregates, BenchmarkRegistry benchmarks, PropertyEvidence evidence,
              Leaderboard leaderboard, JsonMapper json) {
    this.access = access;
    this.scores = scores;
    this.aggregates = aggregates;
    this.benchmarks = benchmarks;
    this.evidence = evidence;
    this.leaderboard = leaderboard;
    this.json = json;
  }

  record Side(RegisteredModel model, ModelVersion version, Map<String, Double> values, Map<String, Double> errors,
              Map<String, Score> scores) {
  }

  record Cell(String value, String error, String delta, String deltaCss, boolean beyond) {
  }

  record Row(String node, String label, int level, List<Cell> cells) {
  }

  record Overlay(String benchmarkId, String svg) {
  }

  @GetMapping("/compare")
  String compare(@RequestParam(required = false) List<String> models, Model model) {
    List<String> notFound = new ArrayList<>();
    List<Side> sides = new ArrayList<>();
    Set<String> requested = new LinkedHashSet<>();
    if (models != null) {
      for (String m : models) {
        for (String part : m.split(",")) {
          if (!part.isBlank()) {
            requested.add(part.trim());
          }
        }
      }
    }
    for (String r : requested) {
      if (sides.size() == MAX_MODELS) {
        break;
      }
      side(r).ifPresentOrElse(sides::add, () -> notFound.add(r));
    }
    model.addAttribute("sides", sides);
    model.addAttribute("notFound", notFound);
    model.addAttribute("requested", String.join(",", requested));
    model.addAttribute("rows", sides.isEmpty() ? List.of() : rows(sides));
    model.addAttribute("overlays", sides.size() < 2 ? List.of() : overlays(sides));
    model.addAttribute("candidates", leaderboard.page(new Leaderboard.Query(ScoreTree.V1, null, null, null, null,
        null, null, null, "score", true, 0, 20)).rows());
    return "compare";
  }

  private Optional<Side> side(String ref) {
    String[] parts = ref.split("@", 2);
    if (!parts[0].matches("\\d{1,18}") || (parts.length == 2 && !parts[1].matches("\\d{1,18}"))) {
      return Optional.empty();
    }
    Optional<RegisteredModel> m = access.model(Long.parseLong(parts[0]), Optional.empty());
    if (m.isEmpty()) {
      return Optional.empty();
    }
    List<ModelVersion> all = access.versions(m.get());
    Optional<ModelVersion> v;
    List<Score> list = List.of();
    if (parts.length == 2) {
      v = all.stream().filter(x -> x.getId() == Long.parseLong(parts[1])).findFirst();
      if (v.isPresent()) {
        list = scores.findByModelVersionIdOrderByBenchmarkIdAsc(v.get().getId());
      }
    } else {
      v = Optional.empty();
      for (int i = all.size() - 1; i >= 0; i--) {
        list = scores.findByModelVersionIdOrderByBenchmarkIdAsc(all.get(i).getId());
        if (!list.isEmpty() || i == 0) {
          v = Optional.of(all.get(i));
          break;
        }
      }
    }
    if (v.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Score> byId = new HashMap<>();
    list.forEach(s -> byId.put(s.getBenchmarkId(), s));
    Map<String, Double> values = new HashMap<>();
    Map<String, Double> errors = new HashMap<>();
    for (Score s : list) {
      values.put(s.getBenchmarkId(), s.getCeiled());
      errors.put(s.getBenchmarkId(), s.getError());
    }
    if (!list.isEmpty()) {
      aggregates.aggregate(v.get().getId()).forEach((node, nv) -> values.put(node, nv.value()));
    }
    propagate(ScoreTree.V1, errors);
    return Optional.of(new Side(m.get(), v.get(), values, errors, byId));
  }

  /** Error of a parent: √(Σ eᵢ²) / n over its n children (unscored children have no error). */
  private Double propagate(String node, Map<String, Double> errors) {
    if (!benchmarks.tree().isNode(node)) {
      return errors.get(node);
    }
    List<String> children = benchmarks.tree().childrenOf(node);
    double sum = 0;
    boolean any = false;
    for (String c : children) {
      Double e = propagate(c, errors);
      if (e != null) {
        sum += e * e;
        any = true;
      }
    }
    Double out = any && !children.isEmpty() ? Math.sqrt(sum) / children.size() : null;
    if (out != null) {
      errors.put(node, out);
    }
    return out;
  }

  private List<Row> rows(List<Side> sides) {
    List<String> nodes = new ArrayList<>();
    ScoreTree tree = benchmarks.tree();
    nodes.add(ScoreTree.V1);
    for (String child : tree.childrenOf(ScoreTree.V1)) {
      nodes.add(child);
      for (String family : tree.childrenOf(child)) {
        nodes.add(family);
        for (String leaf : tree.childrenOf(family)) {
          if (sides.stream().anyMatch(s -> s.scores().containsKey(leaf))) {
            nodes.add(leaf);
          }
        }
      }
    }
    WebFormat fmt = new WebFormat();
    List<Row> out = new ArrayList<>();
    for (String n : nodes) {
      List<Cell> cells = new ArrayList<>();
      Side first = sides.get(0);
      for (int i = 0; i < sides.size(); i++) {
        Side s = sides.get(i);
        Double v = s.values().get(n);
        Double e = s.errors().get(n);
        String delta = null;
        String css = "";
        boolean beyond = false;
        Double v0 = first.values().get(n);
        if (i > 0 && v != null && v0 != null) {
          double d = v - v0;
          Double e0 = first.errors().get(n);
          double combined = Math.sqrt(sq(e) + sq(e0));
          beyond = combined > 0 && Math.abs(d) > combined;
          delta = String.format(java.util.Locale.ROOT, "%+.3f", d);
          css = d > 0 ? "delta-pos" : d < 0 ? "delta-neg" : "";
        }
        cells.add(new Cell(fmt.score(v), e == null ? "" : "± " + fmt.score(e), delta, css, beyond));
      }
      out.add(new Row(n, ScoreLabels.shortLabel(n), ScoreLabels.level(n), cells));
    }
    return out;
  }

  private List<Overlay> overlays(List<Side> sides) {
    List<Overlay> out = new ArrayList<>();
    for (String leaf : benchmarks.tree().leavesUnder(ScoreTree.MARQUES2020)) {
      List<PropertyEvidence.Overlay> series = new ArrayList<>();
      JsonNode reference = null;
      for (Side s : sides) {
        Score score = s.scores().get(leaf);
        if (score == null) {
          continue;
        }
        JsonNode d = json.readTree(score.getDetails());
        if (PropertyEvidence.isProperty(d)) {
          reference = reference == null ? d : reference;
          series.add(new PropertyEvidence.Overlay(s.model().getName(), d));
        }
      }
      if (series.size() >= 2) {
        String title = benchmarks.find(leaf).map(b -> b.info().title()).orElse(leaf);
        out.add(new Overlay(leaf, evidence.overlay(title, series, reference).svg()));
      }
    }
    return out;
  }

  private static double sq(Double e) {
    return e == null ? 0 : e * e;
  }
}
