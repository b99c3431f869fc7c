package io.striate.web;

import io.striate.benchmark.BenchmarkRegistry;
import io.striate.model.catalog.ModelAccess;
import io.striate.model.catalog.RegisteredModel;
import io.striate.study.StudyTable;
import io.striate.study.StudyTables;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The study pages: {@code /studies} (newest first, {@code ?model=id} for those with a version of that model) and
 * {@code /studies/{id}}, a component-ablation study as a table (Pogoncheff et al. 2023's method): rows = variants with
 * the baseline first, columns = the score-tree nodes then the benchmarks any variant was scored on (the property
 * benchmarks). Each cell shows the ceiled value ± its error and, for a variant, Δ = value − baseline value, marked
 * when |Δ| exceeds the combined error √(e² + e_baseline²) ({@link StudyTable}). A variant's model is named and linked
 * only when it is public.
 */
@Controller
class StudyPage {
  private final StudyTables studies;
  private final ModelAccess access;
  private final BenchmarkRegistry benchmarks;

  StudyPage(StudyTables studies, ModelAccess access, BenchmarkRegistry benchmarks) {
    this.studies = studies;
    this.access = access;
    this.benchmarks = benchmarks;
  }

  /** A column: node or benchmark id, short label, tree level (0–3) and its full title. */
  record Column(String id, String label, int level, String title) {
  }

  /** A cell as shown; {@code delta} is null on the baseline row and where either side has no value. */
  record CellView(String value, String error, String delta, String deltaCss, boolean beyond, String title) {
  }

  /** A variant: its label, version, the public model it belongs to (null when private) and its cells. */
  record RowView(String label, long versionId, RegisteredModel model, boolean baseline, int scored,
                 List<CellView> cells) {
  }

  @GetMapping("/studies")
  String list(@RequestParam(required = false) String model, Model page) {
    Long modelId = model != null && model.matches("\\d{1,18}") ? Long.parseLong(model) : null;
    Optional<RegisteredModel> filter = modelId == null ? Optional.empty()
        : access.model(modelId, Optional.empty());
    // a filter that names no public model lists nothing (the page says so)
    page.addAttribute("studies", model == null ? studies.list() : filter.map(studies::list).orElse(List.of()));
    page.addAttribute("filter", filter.orElse(null));
    page.addAttribute("unknownFilter", model != null && filter.isEmpty());
    return "studies";
  }

  @GetMapping("/studies/{id}")
  String study(@PathVariable String id, Model page, HttpServletResponse response) {
    Optional<StudyTable> found = id.matches("\\d{1,18}") ? studies.table(Long.parseLong(id)) : Optional.empty();
    if (found.isEmpty()) {
      return NotFound.page(response, page, "Study not found", "There is no study with id " + id + ".");
    }
    StudyTable table = found.get();
    List<Column> columns = table.columns().stream().map(c -> new Column(c, ScoreLabels.shortLabel(c),
        ScoreLabels.level(c), benchmarks.find(c).map(b -> c + ": " + b.info().title()).orElse(c))).toList();
    WebFormat fmt = new WebFormat();
    List<RowView> rows = new ArrayList<>();
    for (StudyTable.Row r : table.rows()) {
      List<CellView> cells = new ArrayList<>();
      for (String c : table.columns()) {
        cells.add(cell(fmt, r.cells().get(c)));
      }
      int scored = (int) r.cells().keySet().stream().filter(k -> !benchmarks.tree().isNode(k)).count();
      rows.add(new RowView(r.label(), r.versionId(), publicModel(r.versionId()), r.baseline(), scored, cells));
    }
    page.addAttribute("study", table);
    page.addAttribute("columns", columns);
    page.addAttribute("rows", rows);
    page.addAttribute("csv", "/api/v1/studies/" + table.id() + "?format=csv");
    page.addAttribute("json", "/api/v1/studies/" + table.id());
    return "study";
  }

  private static CellView cell(WebFormat fmt, StudyTable.Cell c) {
    if (c == null || c.value() == null) {
      return new CellView("—", "", null, "", false, "not scored");
    }
    String error = c.error() == null ? "" : "± " + fmt.score(c.error());
    if (c.delta() == null) {
      return new CellView(fmt.score(c.value()), error, null, "", false, "value ± error");
    }
    double d = c.delta();
    boolean beyond = Boolean.TRUE.equals(c.beyondError());
    String title = String.format(Locale.ROOT, "Δ %+.4f vs the baseline; combined error %.4f: %s", d,
        c.combinedError() == null ? 0.0 : c.combinedError(), beyond ? "beyond it" : "within it");
    return new CellView(fmt.score(c.value()), error, String.format(Locale.ROOT, "%+.3f", d),
        d > 0 ? "delta-pos" : d < 0 ? "delta-neg" : "", beyond, title);
  }

  /** The variant's model as an anonymous visitor sees it: public, else null. */
  private RegisteredModel publicModel(long versionId) {
    return access.version(versionId, Optional.empty()).flatMap(v -> access.model(v.getModelId(), Optional.empty()))
        .orElse(null);
  }
}
