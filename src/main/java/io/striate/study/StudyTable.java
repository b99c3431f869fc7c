package io.striate.study;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.striate.benchmark.ScoreTree;
import io.striate.compare.ScoreComparison;
import io.striate.compare.VersionComparison;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A study as a table: rows = variants (the baseline first), columns = the score-tree nodes then the benchmarks any
 * row was scored on (e.g. the 22 property benchmarks). A cell holds the value and its error, and for a variant the
 * delta against the baseline, the combined error {@code √(e² + e_baseline²)} and whether {@code |delta|} is beyond it
 * (node values and errors over the benchmarks scored on both, as {@link ScoreComparison}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StudyTable(long id, String name, String owner, long baselineVersionId, List<String> columns, List<Row> rows,
                  String note) {

  /** A cell; {@code delta}, {@code combinedError}, {@code beyondError} are null on the baseline row. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Cell(Double value, Double error, Double delta, Double combinedError, Boolean beyondError) {
  }

  public record Row(String label, long versionId, boolean baseline, Map<String, Cell> cells) {
  }

  static StudyTable of(Study study, ScoreTree tree, List<StudyVariant> variants,
                       Map<Long, Map<String, ScoreComparison.Leaf>> leaves) {
    Map<String, ScoreComparison.Leaf> base = leaves.getOrDefault(study.getBaselineVersionId(), Map.of());
    Set<String> benchmarks = new LinkedHashSet<>();
    for (StudyVariant v : variants) benchmarks.addAll(new java.util.TreeSet<>(leaves.getOrDefault(v.getVersionId(),
        Map.of()).keySet()));
    List<String> columns = new ArrayList<>(tree.internalNodes());
    columns.addAll(new java.util.TreeSet<>(benchmarks));
    List<Row> rows = new ArrayList<>();
    for (StudyVariant v : variants) {
      boolean isBaseline = v.getVersionId().equals(study.getBaselineVersionId());
      Map<String, ScoreComparison.Leaf> mine = leaves.getOrDefault(v.getVersionId(), Map.of());
      Map<String, Cell> cells = new LinkedHashMap<>();
      if (!mine.isEmpty() && !base.isEmpty()) {
        VersionComparison c = ScoreComparison.compare(tree, side(v.getVersionId()), side(study.getBaselineVersionId()),
            mine, base, Map.of());
        for (List<VersionComparison.Row> part : List.of(c.nodes(), c.benchmarks())) {
          for (VersionComparison.Row r : part) {
            cells.put(r.id(), isBaseline ? new Cell(r.value(), r.error(), null, null, null)
                : new Cell(r.value(), r.error(), r.delta(), r.combinedError(), r.beyondError()));
          }
        }
      }
      for (var e : mine.entrySet()) {
        cells.putIfAbsent(e.getKey(), new Cell(e.getValue().value(), e.getValue().error(), null, null, null));
      }
      Map<String, Cell> ordered = new LinkedHashMap<>();
      for (String col : columns) if (cells.containsKey(col)) ordered.put(col, cells.get(col));
      rows.add(new Row(v.getLabel(), v.getVersionId(), isBaseline, ordered));
    }
    String note = base.isEmpty() ? "the baseline has no scores yet: submit every variant (POST /api/v1/submissions)"
        : null;
    return new StudyTable(study.getId(), study.getName(), study.getOwner(), study.getBaselineVersionId(), columns,
        rows, note);
  }

  private static VersionComparison.Side side(long versionId) {
    return new VersionComparison.Side(versionId, 0, null, null, null);
  }

  /** CSV: label, versionId, then per column value, error, delta, beyond_error. */
  public String csv() {
    StringBuilder b = new StringBuilder("label,version_id");
    for (String c : columns) {
      b.append(',').append(c).append(',').append(c).append("_error,").append(c).append("_delta,").append(c)
          .append("_beyond_error");
    }
    b.append('\n');
    for (Row r : rows) {
      b.append(quote(r.label())).append(',').append(r.versionId());
      for (String c : columns) {
        Cell cell = r.cells().get(c);
        b.append(',').append(num(cell == null ? null : cell.value())).append(',')
            .append(num(cell == null ? null : cell.error())).append(',')
            .append(num(cell == null ? null : cell.delta())).append(',')
            .append(cell == null || cell.beyondError() == null ? "" : cell.beyondError());
      }
      b.append('\n');
    }
    return b.toString();
  }

  private static String num(Double d) {
    return d == null || !Double.isFinite(d) ? "" : Double.toString(d);
  }

  private static String quote(String s) {
    return s.matches("[A-Za-z0-9+_. -]*") ? s : "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
