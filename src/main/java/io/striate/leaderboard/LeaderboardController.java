package io.striate.leaderboard;

import io.striate.problem.ProblemStatus;
import io.striate.benchmark.BenchmarkRegistry;
import io.striate.benchmark.ScoreTree;
import io.striate.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Tag(name = "leaderboard", description = "Models ranked by a benchmark or score-tree node")
@RestController
@RequestMapping("/api/v1/leaderboard")
class LeaderboardController {
  private static final Set<String> SORTS = Set.of("score", "name", "owner", "created");
  private static final int MAX_PAGE_SIZE = 500;
  private final Leaderboard leaderboard;
  private final BenchmarkRegistry benchmarks;
  private final JsonMapper json;

  LeaderboardController(Leaderboard leaderboard, BenchmarkRegistry benchmarks, JsonMapper json) {
    this.leaderboard = leaderboard;
    this.benchmarks = benchmarks;
    this.json = json;
  }

  record Row(long rank, long modelId, String name, String owner, long modelVersionId, Double value,
             Double meanOfScored, int scoredChildren, int totalChildren, JsonNode missing, Map<String, Double> nodes) {
  }

  record Page(String node, int page, int size, long total, List<String> columns, List<Row> rows) {
  }

  @Operation(summary = "The leaderboard",
      description = "Public models ranked by `node` (a score-tree node such as V1, Marques2020, V1-orientation, "
          + "or a benchmark id; default V1). A parent is the mean of its children with missing children counted "
          + "as 0 (Brain-Score's rule); `meanOfScored` is the mean over the scored children and `missing` lists "
          + "the others with the reason. `value` null means not scored. Send `Accept: text/csv` for a CSV export.")
  @GetMapping(produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
  ResponseEntity<?> leaderboard(
      @Parameter(example = "V1") @RequestParam(defaultValue = ScoreTree.V1) String node,
      @Parameter(description = "text search in name and description") @RequestParam(required = false) String q,
      @RequestParam(required = false) String owner,
      @Parameter(description = "only models scored on this benchmark id") @RequestParam(required = false)
      String benchmark,
      @Parameter(description = "score, name, owner, created, or a score-tree node to sort by its column") @RequestParam(defaultValue = "score") String sort,
      @Parameter(description = "asc or desc") @RequestParam(defaultValue = "desc") String order,
      @Parameter(description = "torchscript or block_spec") @RequestParam(required = false) String kind,
      @Parameter(description = "only block specs with a layer of this type, e.g. vone") @RequestParam(required = false)
      String block,
      @Parameter(description = "registered on or after (yyyy-mm-dd)") @RequestParam(required = false) LocalDate from,
      @Parameter(description = "registered on or before (yyyy-mm-dd)") @RequestParam(required = false) LocalDate to,
      @Parameter(description = "csv or json; overrides the Accept header (for download links)")
      @RequestParam(required = false) String format,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size,
      @org.springframework.web.bind.annotation.RequestHeader(value = "Accept", required = false) String accept) {
    if (!benchmarks.tree().contains(node)) {
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "unknown-node", "Unknown score-tree node '" + node + "'",
          "node", "Use V1, Marques2020, a family such as V1-orientation, or a benchmark id",
          Map.of("valid", benchmarks.tree().internalNodes()));
    }
    if (!SORTS.contains(sort) && !benchmarks.tree().contains(sort)) {
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "invalid-parameter", "Unknown sort '" + sort + "'", "sort",
          "Use one of " + SORTS + " or a score-tree node");
    }
    if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "invalid-parameter", "page must be >= 0 and size in 1.."
          + MAX_PAGE_SIZE, size < 1 || size > MAX_PAGE_SIZE ? "size" : "page", "Page through with page=0,1,2…");
    }
    boolean descending = !"asc".equalsIgnoreCase(order);
    Leaderboard.Page result = leaderboard.page(new Leaderboard.Query(node, blank(q), blank(owner), blank(benchmark),
        blank(kind), blank(block), from, to, sort, descending, page, size));
    Page body = page(result, json);
    boolean csv = format != null ? "csv".equalsIgnoreCase(format) : accept != null && accept.contains("text/csv");
    if (csv) {
      return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
          .header("Content-Disposition", "attachment; filename=\"striate-leaderboard-" + node + ".csv\"")
          .body(LeaderboardCsv.write(body));
    }
    return ResponseEntity.ok(body);
  }

  /** The API document of a page: every summary column's value per row. */
  static Page page(Leaderboard.Page result, JsonMapper json) {
    List<String> columns = Leaderboard.summaryColumns();
    List<Row> out = result.rows().stream().map(r -> new Row(r.rank(), r.modelId(), r.name(), r.owner(),
        r.modelVersionId(), r.value(), r.meanOfScored(), r.scoredChildren(), r.totalChildren(),
        json.readTree(r.missingJson()), Leaderboard.values(r, columns))).toList();
    Leaderboard.Query q = result.query();
    return new Page(q.node(), q.page(), q.size(), result.total(), columns, out);
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  /**
   * CSV rendering (RFC 4180): one row per model, empty cells for "not scored". The ranking node's value comes
   * right after the identity columns and is not repeated among the node columns: every header is unique.
   */
  static final class LeaderboardCsv {
    private LeaderboardCsv() {
    }

    static String write(Page page) {
      StringBuilder csv = new StringBuilder("rank,model_id,name,owner,model_version_id,")
          .append(page.node()).append(",mean_of_scored,scored_children,total_children,")
          .append(others(page).stream().map(LeaderboardCsv::cell).collect(Collectors.joining(","))).append("\r\n");
      for (Row r : page.rows()) {
        csv.append(r.rank()).append(',').append(r.modelId()).append(',').append(cell(r.name())).append(',')
            .append(cell(r.owner())).append(',').append(r.modelVersionId()).append(',').append(num(r.value()))
            .append(',').append(num(r.meanOfScored())).append(',').append(r.scoredChildren()).append(',')
            .append(r.totalChildren());
        others(page).forEach(c -> csv.append(',').append(num(r.nodes().get(c))));
        csv.append("\r\n");
      }
      return csv.toString();
    }

    private static List<String> others(Page page) {
      return page.columns().stream().filter(c -> !c.equals(page.node())).toList();
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
