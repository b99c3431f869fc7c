package io.striate.leaderboard;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The read side of the leaderboard, shared by the JSON/CSV API and the web pages: public models ranked by one
 * score-tree node, filtered, sorted by any column and paged in SQL. A page is <b>one</b> query: the ranking scan
 * of {@code leaderboard_entry} ({@code leaderboard_rank_idx}) plus, per returned row, every node's value (and a
 * leaf's error from its score) gathered by a correlated sub-select on the primary key — no per-row requests.
 */
@Component
public class Leaderboard {
  /** Sort keys besides the score-tree nodes. */
  public static final List<String> FIELD_SORTS = List.of("score", "name", "owner", "created");

  private final NamedParameterJdbcTemplate jdbc;
  private final JsonMapper json;

  Leaderboard(NamedParameterJdbcTemplate jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /**
   * What to show.
   *
   * @param node       ranking node (a score-tree node or benchmark id)
   * @param q          text in name or description, or null
   * @param owner      exact owner, or null
   * @param benchmark  only models scored on this benchmark id, or null
   * @param kind       {@code torchscript} or {@code block_spec}, or null
   * @param block      only block specs using this layer type (e.g. {@code vone}), or null
   * @param from       models registered on or after this day (UTC), or null
   * @param to         models registered on or before this day (UTC), or null
   * @param sort       {@code score} (the ranking node), {@code name}, {@code owner}, {@code created} or a node id
   * @param descending sort direction
   * @param page       zero-based page
   * @param size       rows per page
   */
  public record Query(String node, String q, String owner, String benchmark, String kind, String block,
                      LocalDate from, LocalDate to, String sort, boolean descending, int page, int size) {
  }

  /** One node's cell: value (null = not scored), children scored of total, and a leaf's error. */
  public record Cell(Double value, int scoredChildren, int totalChildren, Double error) {
  }

  /** One ranked model. {@code missingJson} lists the ranking node's missing children and why. */
  public record Row(long rank, long modelId, String name, String owner, String description, Instant createdAt,
                    long modelVersionId, String kind, Double value, Double meanOfScored, int scoredChildren,
                    int totalChildren, String missingJson, Map<String, Cell> cells) {
  }

  /** One page of rows and the number of rows matching the filters. */
  public record Page(Query query, long total, List<Row> rows) {
    public int pages() {
      return (int) Math.max(1, (total + query.size() - 1) / query.size());
    }
  }

  private static final String FILTER = """
        from leaderboard_entry e
        join model m on m.id = e.model_id
        join model_version v on v.id = e.model_version_id
        left join leaderboard_entry o on o.model_id = e.model_id and o.node_id = :sortNode
       where e.node_id = :node and m.visibility = 'public'
         and (cast(:q as text) is null or m.name ilike '%' || cast(:q as text) || '%'
              or m.description ilike '%' || cast(:q as text) || '%')
         and (cast(:owner as text) is null or m.owner = cast(:owner as text))
         and (cast(:kind as text) is null or v.kind = cast(:kind as text))
         and (cast(:block as text) is null or exists (select 1
              from jsonb_array_elements(coalesce(v.spec -> 'layers', '[]'::jsonb)) l
              where l ->> 'type' = cast(:block as text)))
         and (cast(:fromTime as timestamptz) is null or m.created_at >= cast(:fromTime as timestamptz))
         and (cast(:toTime as timestamptz) is null or m.created_at < cast(:toTime as timestamptz))
         and (cast(:benchmark as text) is null or exists (select 1 from score s
              where s.model_version_id = e.model_version_id and s.benchmark_id = cast(:benchmark as text)))
      """;

  private static final String PAGE = """
      select e.model_id, m.name, m.owner, m.description, m.created_at, e.model_version_id, v.kind, e.value,
             e.mean_of_scored, e.scored_children, e.total_children, cast(e.missing as text) as missing,
             rank() over (order by e.value desc nulls last) as rank, count(*) over () as total,
             (select cast(jsonb_object_agg(x.node_id, jsonb_build_array(x.value, x.scored_children,
                     x.total_children, s.error)) as text)
                from leaderboard_entry x
                left join score s on s.model_version_id = x.model_version_id and s.benchmark_id = x.node_id
               where x.model_id = e.model_id) as cells
      """ + FILTER + """
       order by
         case when :sortKey = 'value' and :descending then o.value end desc nulls last,
         case when :sortKey = 'value' and not :descending then o.value end asc nulls last,
         case when :sortKey = 'name' and :descending then lower(m.name) end desc,
         case when :sortKey = 'name' and not :descending then lower(m.name) end asc,
         case when :sortKey = 'owner' and :descending then m.owner end desc,
         case when :sortKey = 'owner' and not :descending then m.owner end asc,
         case when :sortKey = 'created' and :descending then m.created_at end desc,
         case when :sortKey = 'created' and not :descending then m.created_at end asc,
         e.value desc nulls last, e.model_id
       limit :limit offset :offset""";

  /** One page: a single SQL statement (a second, a count, only when the page lies past the last row). */
  @Transactional(readOnly = true)
  public Page page(Query query) {
    MapSqlParameterSource p = parameters(query);
    p.addValue("limit", query.size()).addValue("offset", (long) query.page() * query.size());
    long[] total = {0};
    List<Row> rows = jdbc.query(PAGE, p, (rs, i) -> {
      total[0] = rs.getLong("total");
      return new Row(rs.getLong("rank"), rs.getLong("model_id"),
          rs.getString("name"), rs.getString("owner"), rs.getString("description"),
          rs.getTimestamp("created_at").toInstant(), rs.getLong("model_version_id"), rs.getString("kind"),
          nullableDouble(rs.getObject("value")), nullableDouble(rs.getObject("mean_of_scored")),
          rs.getInt("scored_children"), rs.getInt("total_children"), rs.getString("missing"),
          cells(rs.getString("cells")));
    });
    return new Page(query, rows.isEmpty() ? count(p) : total[0], rows);
  }

  private long count(MapSqlParameterSource p) {
    Long n = jdbc.queryForObject("select count(*) " + FILTER, p, Long.class);
    return n == null ? 0 : n;
  }

  /** Every public model's value at {@code node} (not-scored rows left out), for a benchmark's score distribution. */
  @Transactional(readOnly = true)
  public List<Double> publicValues(String node) {
    return jdbc.queryForList("""
        select e.value from leaderboard_entry e join model m on m.id = e.model_id
         where e.node_id = :node and m.visibility = 'public' and e.value is not null""",
        new MapSqlParameterSource("node", node), Double.class);
  }

  private static MapSqlParameterSource parameters(Query q) {
    boolean byField = FIELD_SORTS.contains(q.sort()) && !"score".equals(q.sort());
    return new MapSqlParameterSource()
        .addValue("node", q.node())
        .addValue("sortNode", byField || "score".equals(q.sort()) ? q.node() : q.sort())
        .addValue("sortKey", byField ? q.sort() : "value")
        .addValue("descending", q.descending())
        .addValue("q", q.q())
        .addValue("owner", q.owner())
        .addValue("kind", q.kind())
        .addValue("block", q.block())
        .addValue("benchmark", q.benchmark())
        .addValue("fromTime", q.from() == null ? null : Timestamp.from(q.from().atStartOfDay(ZoneOffset.UTC)
            .toInstant()))
        .addValue("toTime", q.to() == null ? null : Timestamp.from(q.to().plusDays(1).atStartOfDay(ZoneOffset.UTC)
            .toInstant()));
  }

  private Map<String, Cell> cells(String text) {
    Map<String, Cell> out = new LinkedHashMap<>();
    if (text == null) {
      return out;
    }
    JsonNode node = json.readTree(text);
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      JsonNode a = e.getValue();
      out.put(e.getKey(), new Cell(number(a.get(0)), a.get(1).asInt(), a.get(2).asInt(), number(a.get(3))));
    }
    return out;
  }

  private static Double number(JsonNode n) {
    return n == null || n.isNull() ? null : n.asDouble();
  }

  private static Double nullableDouble(Object o) {
    return o == null ? null : ((Number) o).doubleValue();
  }

  /** The values of {@code columns} in order, for the flat JSON and CSV views. */
  public static Map<String, Double> values(Row row, List<String> columns) {
    Map<String, Double> out = new LinkedHashMap<>();
    columns.forEach(c -> {
      Cell cell = row.cells().get(c);
      out.put(c, cell == null ? null : cell.value());
    });
    return out;
  }

  /** The ids of the columns a page shows: V1, the two children of V1 and the seven families. */
  public static List<String> summaryColumns() {
    List<String> columns = new ArrayList<>(List.of(io.striate.benchmark.ScoreTree.V1,
        io.striate.benchmark.ScoreTree.FREEMAN_ZIEMBA_PLS, io.striate.benchmark.ScoreTree.MARQUES2020));
    columns.addAll(io.striate.benchmark.ScoreTree.FAMILIES);
    return columns;
  }
}
