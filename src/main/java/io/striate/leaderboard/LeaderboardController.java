package io.striate.leaderboard;

import io.striate.problem.ProblemStatus;
import io.striate.benchmark.BenchmarkRegistry;
import io.striate.benchmark.ScoreAggregator;
import io.striate.benchmark.ScoreTree;
import io.striate.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "leaderboard", description = "Models ranked by a benchmark or score-tree node")
@RestController
@RequestMapping("/api/v1/leaderboard")
class LeaderboardController {
  private static final int MAX_PAGE_SIZE = 500;
  private final Leaderboard leaderboard;
  private final BenchmarkRegistry benchmarks;
  private final BenchmarkStates states;

  LeaderboardController(Leaderboard leaderboard, BenchmarkRegistry benchmarks, BenchmarkStates states) {
    this.leaderboard = leaderboard;
    this.benchmarks = benchmarks;
    this.states = states;
  }

  /**
   * @param meanOfScored    plain mean over the scored installed leaves below the node
   * @param scoredLeaves    leaves below the node scored for this model
   * @param installedLeaves leaves below the node installed here (the same for every row)
   * @param coverage        e.g. "V1: 7 of 23 benchmarks installed"
   * @param missing         the node's direct children without a value, each with its state (not-installed: pruned;
   *                        failed, not-scored: count as 0)
   */
  record Row(long rank, long modelId, String name, String owner, long modelVersionId, String kind,
             java.time.Instant createdAt, Double value, Double meanOfScored, int scoredChildren, int totalChildren,
             int scoredLeaves, int installedLeaves, int totalLeaves, String coverage,
             List<ScoreAggregator.Missing> missing, Map<String, Double> nodes) {
  }

  /**
   * @param coverage the ranking node's coverage on this instance
   * @param tree     the score-tree definition the aggregates follow
   */
  record Page(String node, String coverage, String tree, int page, int size, long total, List<String> columns,
              List<Row> rows) {
  }

  @Operation(summary = "The leaderboard",
      description = "Public models ranked by `node` (a score-tree node such as V1, Marques2020, V1-orientation, "
          + "or a benchmark id; default V1). The tree is Striate's V1 definition (`tree`: FreemanZiemba2013 + "
          + "Marques2020, the seed paper's; brain-score.org's V1 node has more children since 2024). Benchmarks "
          + "whose data is not installed on this instance are pruned for every model alike (`coverage`, e.g. "
          + "\"V1: 7 of 23 benchmarks installed\"); a parent is the mean over its installed children, an "
          + "installed child without a score (failed, not requested) counting 0 (Brain-Score's rule); ceiled "
          + "scores are clipped to [0, 1]. `meanOfScored` is the plain mean over the scored leaves below the node; "
          + "`missing` lists the children without a value with their state. `value` null means not scored. Send "
          + "`Accept: text/csv` (or `format=csv`) for a CSV export (same columns, plus coverage). The web page `/` "
          + "reads through the same query: its download links pass its parameters here unchanged.")
  @GetMapping(produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
  ResponseEntity<?> leaderboard(
      @Parameter(example = "V1") @RequestParam(defaultValue = ScoreTree.V1) String node,
      @Parameter(description = "text search in name and description") @RequestParam(required = false) String q,
      @RequestParam(required = false) String owner,
      @Parameter(description = "only models scored on this benchmark id") @RequestParam(required = false)
      String benchmark,
      @Parameter(description = "torchscript or block_spec") @RequestParam(required = false) String kind,
      @Parameter(description = "only block specs with a layer of this type, e.g. vone") @RequestParam(required = false)
      String block,
      @Parameter(description = "registered on or after this day (UTC), e.g. 2026-01-31")
      @RequestParam(required = false) String from,
      @Parameter(description = "registered on or before this day (UTC)") @RequestParam(required = false) String to,
      @Parameter(description = "score (the ranking node), name, owner, created, or any score-tree node or benchmark "
          + "id") @RequestParam(defaultValue = "score") String sort,
      @Parameter(description = "asc or desc") @RequestParam(defaultValue = "desc") String order,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size,
      @Parameter(description = "csv or json (default: by the Accept header), for download links")
      @RequestParam(required = false) String format,
      @org.springframework.web.bind.annotation.RequestHeader(value = "Accept", required = false) String accept) {
    if (format != null && !Set.of("csv", "json").contains(format)) {
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "invalid-parameter", "Unknown format '" + format + "'",
          "format", "Use format=csv or format=json");
    }
    if (!benchmarks.tree().contains(node)) {
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "unknown-node", "Unknown score-tree node '" + node + "'",
          "node", "Use V1, Marques2020, a family such as V1-orientation, or a benchmark id",
          Map.of("valid", benchmarks.tree().internalNodes()));
    }
    if (!Leaderboard.FIELD_SORTS.contains(sort) && !benchmarks.tree().contains(sort)) {
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "invalid-parameter", "Unknown sort '" + sort + "'", "sort",
          "Use one of " + Leaderboard.FIELD_SORTS + " or a score-tree node such as V1-orientation");
    }
    if (blank(kind) != null && !Leaderboard.KINDS.contains(blank(kind))) {
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "invalid-parameter", "Unknown kind '" + kind + "'", "kind",
          "Use one of " + Leaderboard.KINDS);
    }
    if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "invalid-parameter", "page must be >= 0 and size in 1.."
          + MAX_PAGE_SIZE, size < 1 || size > MAX_PAGE_SIZE ? "size" : "page", "Page through with page=0,1,2…");
    }
    boolean descending = !"asc".equalsIgnoreCase(order);
    Leaderboard.Page result = leaderboard.page(new Leaderboard.Query(node, blank(q), blank(owner), blank(benchmark),
        blank(kind), blank(block), day(from, "from"), day(to, "to"), sort, descending, page, size));
    List<String> columns = Leaderboard.summaryColumns();
    List<Row> out = result.rows().stream().map(r -> new Row(r.rank(), r.modelId(), r.name(), r.owner(),
        r.modelVersionId(), r.kind(), r.createdAt(), r.value(), r.meanOfScored(), r.scoredChildren(),
        r.totalChildren(), r.scoredLeaves(), r.installedLeaves(), r.totalLeaves(), r.coverage(), r.missing(),
        Leaderboard.values(r, columns))).toList();
    Page body = new Page(node, coverage(node), ScoreTree.DEFINITION, page, size, result.total(), columns, out);
    if (format != null ? format.equals("csv") : accept != null && accept.contains("text/csv")) {
      return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
          .header("Content-Disposition", "attachment; filename=\"striate-leaderboard-" + node + ".csv\"")
          .body(LeaderboardCsv.write(body));
    }
    return ResponseEntity.ok(body);
  }

  private static java.time.LocalDate day(String s, String field) {
    if (blank(s) == null) {
      return null;
    }
    try {
      return java.time.LocalDate.parse(s.trim());
    } catch (java.time.format.DateTimeParseException e) {
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "invalid-parameter", "'" + s + "' is not a day", field,
          "Use an ISO date such as 2026-01-31");
    }
  }

  /** The ranking node's coverage here, e.g. "V1: 7 of 23 benchmarks installed". */
  private String coverage(String node) {
    List<String> leaves = benchmarks.tree().isNode(node) ? benchmarks.tree().leavesUnder(node) : List.of(node);
    Set<String> installed = states.installed();
    return ScoreAggregator.coverage(node, (int) leaves.stream().filter(installed::contains).count(), leaves.size());
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  /** CSV rendering (RFC 4180): one row per model, empty cells for "not scored". */
  static final class LeaderboardCsv {
    private LeaderboardCsv() {
    }

    static String write(Page page) {
      StringBuilder csv = new StringBuilder("rank,model_id,name,owner,model_version_id,")
          .append(cell(page.node())).append(",mean_of_scored,scored_children,total_children,scored_benchmarks,")
          .append("installed_benchmarks,total_benchmarks,coverage,tree,failed,not_scored,not_installed,")
          .append(others(page).stream().map(LeaderboardCsv::cell).collect(Collectors.joining(","))).append("\r\n");
      for (Row r : page.rows()) {
        csv.append(r.rank()).append(',').append(r.modelId()).append(',').append(cell(r.name())).append(',')
            .append(cell(r.owner())).append(',').append(r.modelVersionId()).append(',').append(num(r.value()))
            .append(',').append(num(r.meanOfScored())).append(',').append(r.scoredChildren()).append(',')
            .append(r.totalChildren()).append(',').append(r.scoredLeaves()).append(',').append(r.installedLeaves())
            .append(',').append(r.totalLeaves()).append(',').append(cell(r.coverage())).append(',')
            .append(cell(ScoreTree.DEFINITION_ID)).append(',').append(cell(ids(r, ScoreAggregator.FAILED)))
            .append(',').append(cell(ids(r, ScoreAggregator.NOT_SCORED))).append(',')
            .append(cell(ids(r, ScoreAggregator.NOT_INSTALLED)));
        others(page).forEach(c -> csv.append(',').append(num(r.nodes().get(c))));
        csv.append("\r\n");
      }
      return csv.toString();
    }

    /** The summary columns after the ranking node's own (which has its column already: no column twice). */
    private static List<String> others(Page page) {
      return page.columns().stream().filter(c -> !c.equals(page.node())).toList();
    }

    /** The ids of the row's unscored children in {@code state}, separated by ';'. */
    private static String ids(Row r, String state) {
      return r.missing().stream().filter(m -> m.state().equals(state)).map(ScoreAggregator.Missing::id)
          .collect(Collectors.joining(";"));
    }

    private static String num(Double d) {
      return d == null ? "" : Double.toString(d);
    }

    private static String cell(String s) {
      if (s == null) {
        return "";
      }
      return s.matches(".*[\",\r\n].*") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
  }
}
