package io.striate.web;

import io.striate.benchmark.BenchmarkRegistry;
import io.striate.benchmark.ScoreTree;
import io.striate.leaderboard.BenchmarkStates;
import io.striate.leaderboard.Leaderboard;
import io.striate.model.catalog.RegisteredModel;
import io.striate.model.catalog.RegisteredModelRepository;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The leaderboard page {@code /}: the score tree as columns (V1 → predictivity and properties → the 7 families,
 * each expandable to its property benchmarks), colour-scaled cells, sort by any column, search and filters, all
 * held in the URL; CSV, JSON and BibTeX of exactly the rows in view. One SQL query per page
 * ({@link Leaderboard#page}).
 */
@Controller
class LeaderboardPage {
  static final int DEFAULT_SIZE = 50;
  private static final double[] NO_RANGE = {Double.NaN, Double.NaN};
  /** Layer types of block specs offered by the block filter (the biological blocks and the common layers). */
  static final List<String> BLOCK_TYPES = List.of("vone", "gabor", "dog", "locally-connected", "tuned-normalization",
      "divisive-normalization", "cortical-magnification", "conv2d", "torchscript");
  private static final List<String> PARAMS = List.of("node", "q", "owner", "kind", "block", "from", "to", "sort",
      "order", "size", "expand");
  private final Leaderboard leaderboard;
  private final BenchmarkRegistry benchmarks;
  private final RegisteredModelRepository models;

  LeaderboardPage(Leaderboard leaderboard, BenchmarkRegistry benchmarks, RegisteredModelRepository models) {
    this.leaderboard = leaderboard;
    this.benchmarks = benchmarks;
    this.models = models;
  }

  /** A column header: the node, its label, its depth in the tree and the links that sort or expand it. */
  record Column(String id, String label, int level, boolean family, boolean expanded, String sortUrl,
                String expandUrl, String sortMark) {
  }

  /** A cell: the text shown, its CSS classes (colour, tree level) and the hover text (error, children scored, why). */
  record CellView(String text, String css, String title) {
    CellView atLevel(int level) {
      return new CellView(text, css + " lvl" + level, title);
    }
  }

  record RowView(Leaderboard.Row row, String modelUrl, List<CellView> cells, String missingTitle) {
  }

  @GetMapping({"/", "/leaderboard"})
  String page(@RequestParam MultiValueMap<String, String> params, Model model) {
    State state = State.of(params, benchmarks.tree());
    Leaderboard.Page page = leaderboard.page(state.query());
    List<String> columnIds = columns(state.expand());
    // the colour scale of a column spans every public model's value (the whole leaderboard, not this page)
    Map<String, double[]> ranges = leaderboard.columnRanges();
    Set<String> unavailable = benchmarks.all().stream().filter(b -> !b.availability().available())
        .map(b -> b.info().id()).collect(Collectors.toSet());
    List<RowView> rows = page.rows().stream().map(r -> new RowView(r, "/models/" + r.modelId(),
        columnIds.stream().map(c -> cell(r.cells().get(c), c, ranges.getOrDefault(c, NO_RANGE), unavailable)
            .atLevel(ScoreLabels.level(c))).toList(),
        r.scoredChildren() + " of " + r.totalChildren() + " children of " + state.node() + " scored")).toList();
    model.addAttribute("state", state);
    model.addAttribute("page", page);
    model.addAttribute("rows", rows);
    model.addAttribute("columns", columnIds.stream().map(c -> column(c, state)).toList());
    model.addAttribute("nodes", benchmarks.tree().internalNodes());
    Map<String, String> fieldSorts = new LinkedHashMap<>();
    for (String f : List.of("name", "owner", "created")) {
      boolean on = f.equals(state.sort());
      String order = on ? (state.descending() ? "asc" : "desc") : "created".equals(f) ? "desc" : "asc";
      fieldSorts.put(f, state.url("/", Map.of("sort", f, "order", order, "page", "0")));
    }
    model.addAttribute("fieldSorts", fieldSorts);
    model.addAttribute("blockTypes", BLOCK_TYPES);
    model.addAttribute("prevUrl", state.page() > 0 ? state.url("/", Map.of("page", "" + (state.page() - 1))) : null);
    model.addAttribute("nextUrl", state.page() + 1 < page.pages() ? state.url("/", Map.of("page",
        "" + (state.page() + 1))) : null);
    // the downloads ask the API for exactly this view: the same query with the page's sanitised parameters
    model.addAttribute("csvUrl", state.apiUrl("/api/v1/leaderboard", "csv"));
    model.addAttribute("jsonUrl", state.apiUrl("/api/v1/leaderboard", "json"));
    model.addAttribute("bibUrl", state.apiUrl("/leaderboard.bib", null));
    return "leaderboard";
  }

  /** BibTeX of the models in view (same filters, sort and page as the table). */
  @GetMapping(value = "/leaderboard.bib", produces = "application/x-bibtex")
  ResponseEntity<String> bibtex(@RequestParam MultiValueMap<String, String> params) {
    State state = State.of(params, benchmarks.tree());
    List<Long> ids = leaderboard.page(state.query()).rows().stream().map(Leaderboard.Row::modelId).toList();
    Map<Long, RegisteredModel> byId = models.findAllById(ids).stream()
        .collect(Collectors.toMap(RegisteredModel::getId, Function.identity()));
    StringBuilder out = new StringBuilder();
    for (Long id : ids) {
      RegisteredModel m = byId.get(id);
      if (m != null && m.getBibtex() != null && !m.getBibtex().isBlank()) {
        out.append("% ").append(m.getOwner()).append('/').append(m.getName().replaceAll("[\r\n]", " ")).append('\n')
            .append(m.getBibtex().trim()).append("\n\n");
      }
    }
    return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/x-bibtex;charset=UTF-8"))
        .header("Content-Disposition", "attachment; filename=\"striate-leaderboard.bib\"").body(out.toString());
  }

  @GetMapping("/index.html")
  String oldIndex() {
    return "redirect:/";
  }

  private List<String> columns(Set<String> expand) {
    List<String> out = new ArrayList<>();
    for (String c : Leaderboard.summaryColumns()) {
      out.add(c);
      if (expand.contains(c)) {
        out.addAll(benchmarks.tree().childrenOf(c));
      }
    }
    return out;
  }

  private Column column(String id, State state) {
    boolean family = ScoreTree.FAMILIES.contains(id);
    boolean expanded = state.expand().contains(id);
    Set<String> toggled = new LinkedHashSet<>(state.expand());
    if (expanded) {
      toggled.remove(id);
    } else {
      toggled.add(id);
    }
    boolean sorted = id.equals(state.sort()) || ("score".equals(state.sort()) && id.equals(state.node()));
    String nextOrder = sorted && state.descending() ? "asc" : "desc";
    String sortUrl = state.url("/", Map.of("sort", id, "order", nextOrder, "page", "0"));
    String expandUrl = family ? state.url("/", Map.of("expand", String.join(",", toggled))) : null;
    return new Column(id, ScoreLabels.shortLabel(id), ScoreLabels.level(id), family, expanded, sortUrl, expandUrl,
        sorted ? (state.descending() ? "▼" : "▲") : "");
  }

  /**
   * A cell in one of its distinct states: scored (value, colour on the column's whole-leaderboard range, ± error on
   * hover), failed (kind and message on hover), not installed (why, and the import instruction on hover), pending
   * (queued or running), or not scored.
   */
  private CellView cell(Leaderboard.Cell cell, String node, double[] range, Set<String> unavailable) {
    boolean leaf = !benchmarks.tree().isNode(node);
    BenchmarkStates.State state = cell == null ? null : cell.state();
    if (cell == null || cell.value() == null) {
      if (state != null && BenchmarkStates.FAILED.equals(state.state())) {
        return new CellView("failed", "failed", node + " failed (" + state.failure().kind() + "): "
            + state.failure().message());
      }
      boolean notInstalled = leaf ? unavailable.contains(node)
          : !benchmarks.tree().leavesUnder(node).isEmpty() && unavailable.containsAll(benchmarks.tree()
          .leavesUnder(node));
      if (notInstalled) {
        String how = state != null && state.howTo() != null ? " To install: " + state.howTo() : "";
        String why = state != null && state.reason() != null ? ": " + state.reason() : "";
        return new CellView("n/i", "ni", "data not installed here" + why + "." + how);
      }
      if (state != null && (BenchmarkStates.QUEUED.equals(state.state())
          || BenchmarkStates.RUNNING.equals(state.state()))) {
        return new CellView("…", "pending", node + ": " + state.state() + ", not scored yet");
      }
      return new CellView("—", "na", "not scored on " + node + (leaf ? " (not requested for this version)"
          : " (nothing below was scored)"));
    }
    String title = node + ": " + WebFormat.fixed(cell.value(), 4)
        + (cell.error() != null ? " ± " + WebFormat.fixed(cell.error(), 4) : "")
        + (leaf ? "" : " (" + cell.scoredChildren() + " of " + cell.totalChildren() + " children scored; missing "
        + "children count as 0)");
    String text = WebFormat.fixed(cell.value(), 3);
    return new CellView(text, Double.isNaN(range[0]) ? "c5" : WebFormat.colour(cell.value(), range[0], range[1]),
        title);
  }

  /** The page's URL state, sanitised (unknown values fall back to defaults instead of failing). */
  record State(String node, String q, String owner, String kind, String block, LocalDate from, LocalDate to,
               String sort, boolean descending, int page, int size, Set<String> expand,
               MultiValueMap<String, String> raw) {
    static State of(MultiValueMap<String, String> p, ScoreTree tree) {
      String node = first(p, "node") != null && tree.contains(first(p, "node")) ? first(p, "node") : ScoreTree.V1;
      String sort = first(p, "sort");
      if (sort == null || !(Leaderboard.FIELD_SORTS.contains(sort) || tree.contains(sort))) {
        sort = "score";
      }
      String kind = first(p, "kind");
      kind = "torchscript".equals(kind) || "block_spec".equals(kind) ? kind : null;
      String block = first(p, "block") != null && BLOCK_TYPES.contains(first(p, "block")) ? first(p, "block") : null;
      Set<String> expand = new LinkedHashSet<>();
      String e = first(p, "expand");
      if (e != null) {
        for (String f : e.split(",")) {
          if (ScoreTree.FAMILIES.contains(f.trim())) {
            expand.add(f.trim());
          }
        }
      }
      MultiValueMap<String, String> raw = new LinkedMultiValueMap<>();
      for (String k : PARAMS) {
        String v = first(p, k);
        if (v != null) {
          raw.add(k, v);
        }
      }
      boolean descending = !"asc".equals(first(p, "order"));
      return new State(node, first(p, "q"), first(p, "owner"), kind, block, day(first(p, "from")),
          day(first(p, "to")), sort, descending, Math.max(0, integer(first(p, "page"), 0)),
          Math.max(10, Math.min(200, integer(first(p, "size"), DEFAULT_SIZE))), expand, raw);
    }

    Leaderboard.Query query() {
      return new Leaderboard.Query(node, q, owner, null, kind, block, from, to, sort, descending, page, size);
    }

    /**
     * The API URL of exactly this view: the sanitised state (what the table shows, not the raw parameters, so a
     * clamped size or an unknown sort that the page ignored reads the same rows there), plus {@code format}.
     */
    String apiUrl(String path, String format) {
      UriComponentsBuilder b = UriComponentsBuilder.fromPath(path).queryParam("node", node);
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("q", q);
      v.put("owner", owner);
      v.put("kind", kind);
      v.put("block", block);
      v.put("from", from);
      v.put("to", to);
      v.forEach((k, x) -> {
        if (x != null) {
          b.queryParam(k, x.toString());
        }
      });
      b.queryParam("sort", sort).queryParam("order", descending ? "desc" : "asc").queryParam("page", page)
          .queryParam("size", size);
      if (format != null) {
        b.queryParam("format", format);
      }
      return b.encode().build().toUriString();
    }

    /** This state's URL at {@code path} with some parameters replaced (empty values dropped). */
    String url(String path, Map<String, String> overrides) {
      UriComponentsBuilder b = UriComponentsBuilder.fromPath(path);
      Map<String, String> all = new LinkedHashMap<>();
      raw.forEach((k, v) -> all.put(k, v.get(0)));
      if (page > 0) {
        all.put("page", "" + page);
      }
      all.putAll(overrides);
      all.forEach((k, v) -> {
        if (v != null && !v.isBlank() && !("page".equals(k) && "0".equals(v))) {
          b.queryParam(k, v);
        }
      });
      return b.encode().build().toUriString();
    }

    private static String first(MultiValueMap<String, String> p, String key) {
      String v = p.getFirst(key);
      return v == null || v.isBlank() ? null : v.trim();
    }

    private static int integer(String s, int fallback) {
      try {
        return s == null ? fallback : Integer.parseInt(s);
      } catch (NumberFormatException e) {
        return fallback;
      }
    }

    private static LocalDate day(String s) {
      try {
        return s == null ? null : LocalDate.parse(s);
      } catch (DateTimeParseException e) {
        return null;
      }
    }
  }
}
