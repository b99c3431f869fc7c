package io.striate.leaderboard;

import io.striate.benchmark.Availability;
import io.striate.benchmark.BenchmarkRegistry;
import io.striate.benchmark.ScoreAggregator;
import io.striate.benchmark.ScoreTree;
import io.striate.model.catalog.ModelAccess;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one read side of the leaderboard, shared by the JSON/CSV API and the web pages: public models ranked by one
 * score-tree node, filtered (text, owner, model kind, block type, registration dates, scored benchmark), sorted by
 * any column or node and paged in SQL. A page is <b>one</b> statement over the precomputed {@code leaderboard_entry}
 * rows: an inner query ranks the (narrow) filtered set — an index-only scan of {@code leaderboard_rank_idx} joined
 * to the public models — sorts and cuts the page; only for the page's rows does the outer query read the wide
 * columns and gather every node's cell (value, children scored, a leaf's error and, for an unscored leaf, its last
 * job's failure) on the primary key. The SQL text holds only the filters in use (no {@code :x is null or …}
 * branches that defeat the planner); values are always bound parameters.
 */
@Component
public class Leaderboard {
  /** Sort keys besides the score-tree nodes. */
  public static final List<String> FIELD_SORTS = List.of("score", "name", "owner", "created");
  /** Model kinds of the kind filter. */
  public static final List<String> KINDS = List.of("torchscript", "block_spec");
  /** How long the per-column ranges of the colour scale are kept at most (also refreshed on every local score). */
  static final Duration RANGES_TTL = Duration.ofSeconds(5);

  private final NamedParameterJdbcTemplate jdbc;
  private final JsonMapper json;
  private final LeaderboardUpdater updater;
  private final BenchmarkRegistry benchmarks;
  private final BenchmarkStates states;
  private final AtomicReference<Ranges> ranges = new AtomicReference<>();

  Leaderboard(NamedParameterJdbcTemplate jdbc, JsonMapper json, LeaderboardUpdater updater,
              BenchmarkRegistry benchmarks, BenchmarkStates states) {
    this.jdbc = jdbc;
    this.json = json;
    this.updater = updater;
    this.benchmarks = benchmarks;
    this.states = states;
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

  /**
   * One node's cell: value (null = not scored), children scored of total, a leaf's error, and for a leaf its state
   * ({@link BenchmarkStates.State}: scored, failed with kind and message, not-installed with the import
   * instruction, queued/running, not-requested); null for internal nodes.
   */
  public record Cell(Double value, int scoredChildren, int totalChildren, Double error, BenchmarkStates.State state) {
  }

  /**
   * One ranked model. {@code missing} lists the ranking node's children without a value and why (current states,
   * failures included).
   */
  public record Row(long rank, long modelId, String name, String owner, String description, Instant createdAt,
                    long modelVersionId, String kind, Double value, Double meanOfScored, int scoredChildren,
                    int totalChildren, int scoredLeaves, int installedLeaves, int totalLeaves, String coverage,
                    List<ScoreAggregator.Missing> missing, Map<String, Cell> cells) {
  }

  /** One page of rows and the number of rows matching the filters. */
  public record Page(Query query, long total, List<Row> rows) {
    public int pages() {
      return (int) Math.max(1, (total + query.size() - 1) / query.size());
    }
  }

  /** Each node's [min, max] over every public model (the colour scale of a column, the same on every page). */
  private record Ranges(long generation, long at, Map<String, double[]> byNode) {
  }

  private static final String CELLS = """
      (select cast(jsonb_object_agg(x.node_id, jsonb_build_array(x.value, x.scored_children, x.total_children,
                   x.error, j.state, j.failure_kind, j.failure_message, j.id, j.attempts)) as text)
         from leaderboard_entry x
         left join lateral (select job.id, job.state, job.failure_kind, job.failure_message, job.attempts from job
                             where x.value is null and job.model_version_id = x.model_version_id
                               and job.benchmark_id = x.node_id
                             order by job.id desc limit 1) j on true
        where x.model_id = p.model_id) as cells""";

  /**
   * One page: a single SQL statement (a second, a count, only when the page lies past the last row). Not inside a
   * read-only transaction: {@link LeaderboardUpdater#ensureCurrent()} may have to recompute rows first.
   */
  public Page page(Query query) {
    updater.ensureCurrent();
    MapSqlParameterSource p = parameters(query);
    p.addValue("limit", query.size()).addValue("offset", (long) query.page() * query.size());
    String order = order(query);
    String sql = "select p.model_id, p.rank, p.total, m.name, m.owner, m.description, m.created_at, "
        + "e.model_version_id, v.kind, e.value, e.mean_of_scored, e.scored_children, e.total_children, "
        + "e.scored_leaves, e.installed_leaves, e.total_leaves, e.coverage, cast(e.missing as text) as missing, "
        + CELLS + "\n  from (select e.model_id, e.value, " + sortValue(query) + " as sort_value, "
        + "lower(m.name) as name_key, m.owner as owner_key, m.created_at as created_key, "
        + "rank() over (order by e.value desc nulls last) as rank, count(*) over () as total\n"
        + from(query) + "\n order by " + order + " limit :limit offset :offset) p\n"
        + "  join model m on m.id = p.model_id\n"
        + "  join leaderboard_entry e on e.model_id = p.model_id and e.node_id = :node\n"
        + "  join model_version v on v.id = e.model_version_id\n order by " + order;
    long[] total = {0};
    Map<String, Availability> availability = availability();
    List<Row> rows = jdbc.query(sql, p, (rs, i) -> {
      total[0] = rs.getLong("total");
      Map<String, Cell> cells = cells(rs.getString("cells"), availability);
      return new Row(rs.getLong("rank"), rs.getLong("model_id"),
          rs.getString("name"), rs.getString("owner"), rs.getString("description"),
          rs.getTimestamp("created_at").toInstant(), rs.getLong("model_version_id"), rs.getString("kind"),
          nullableDouble(rs.getObject("value")), nullableDouble(rs.getObject("mean_of_scored")),
          rs.getInt("scored_children"), rs.getInt("total_children"), rs.getInt("scored_leaves"),
          rs.getInt("installed_leaves"), rs.getInt("total_leaves"), rs.getString("coverage"),
          missing(query.node(), cells), cells);
    });
    return new Page(query, rows.isEmpty() ? count(query, p) : total[0], rows);
  }

  /** The filtered ranking set: the ranking node's entries of public models, only the filters in use. */
  private static String from(Query q) {
    StringBuilder sql = new StringBuilder("""
          from leaderboard_entry e
          join model m on m.id = e.model_id
        """);
    if (q.kind() != null || q.block() != null) {
      sql.append("  join model_version v on v.id = e.model_version_id\n");
    }
    if (sortNode(q) != null) {
      sql.append("  left join leaderboard_entry o on o.model_id = e.model_id and o.node_id = :sortNode\n");
    }
    sql.append(" where e.node_id = :node and ").append(ModelAccess.PUBLIC_SQL);
    if (q.q() != null) {
      sql.append("\n   and (m.name ilike :like or m.description ilike :like)");
    }
    if (q.owner() != null) {
      sql.append("\n   and m.owner = :owner");
    }
    if (q.kind() != null) {
      sql.append("\n   and v.kind = :kind");
    }
    if (q.block() != null) {
      sql.append("\n   and v.spec -> 'layers' @> jsonb_build_array(jsonb_build_object('type', cast(:block as text)))");
    }
    if (q.from() != null) {
      sql.append("\n   and m.created_at >= :fromTime");
    }
    if (q.to() != null) {
      sql.append("\n   and m.created_at < :toTime");
    }
    if (q.benchmark() != null) {
      sql.append("\n   and exists (select 1 from score s where s.model_version_id = e.model_version_id"
          + " and s.benchmark_id = :benchmark)");
    }
    return sql.toString();
  }

  /** The node to sort by when it is not the ranking node, else null. */
  private static String sortNode(Query q) {
    return FIELD_SORTS.contains(q.sort()) || q.sort().equals(q.node()) ? null : q.sort();
  }

  private static String sortValue(Query q) {
    return sortNode(q) != null ? "o.value" : "e.value";
  }

  /** ORDER BY over the inner query's output names (so the outer query re-sorts its 50 rows the same way). */
  private static String order(Query q) {
    String dir = q.descending() ? "desc" : "asc";
    String key = switch (q.sort()) {
      case "name" -> "name_key " + dir + ", ";
      case "owner" -> "owner_key " + dir + ", ";
      case "created" -> "created_key " + dir + ", ";
      default -> "sort_value " + dir + " nulls last, ";
    };
    return key + "rank, model_id";
  }

  private long count(Query q, MapSqlParameterSource p) {
    Long n = jdbc.queryForObject("select count(*) " + from(q), p, Long.class);
    return n == null ? 0 : n;
  }

  /** Every public model's value at {@code node} (not-scored rows left out), for a benchmark's score distribution. */
  @Transactional(readOnly = true)
  public List<Double> publicValues(String node) {
    return jdbc.queryForList("select e.value from leaderboard_entry e join model m on m.id = e.model_id"
        + " where e.node_id = :node and " + ModelAccess.PUBLIC_SQL + " and e.value is not null",
        new MapSqlParameterSource("node", node), Double.class);
  }

  /**
   * The [min, max] of every node's values over all public models (the whole leaderboard, not one page or one
   * filter), for the colour scale. Kept until a score lands here or {@link #RANGES_TTL} passes (scores written by
   * other instances), so a page normally costs no query for it.
   */
  public Map<String, double[]> columnRanges() {
    Ranges r = ranges.get();
    long now = System.nanoTime();
    if (r != null && r.generation() == updater.generation() && now - r.at() < RANGES_TTL.toNanos()) {
      return r.byNode();
    }
    long generation = updater.generation();
    Map<String, double[]> byNode = new LinkedHashMap<>();
    // per node two index probes on leaderboard_rank_idx (the highest and the lowest public value), not a scan of
    // every row of every node
    List<String> nodes = new ArrayList<>(benchmarks.tree().internalNodes());
    nodes.addAll(benchmarks.tree().leavesUnder(ScoreTree.V1));
    String publicEntry = "select e.value from leaderboard_entry e join model m on m.id = e.model_id"
        + " where e.node_id = n.node_id and e.value is not null and " + ModelAccess.PUBLIC_SQL;
    jdbc.query("select n.node_id,"
        + " (" + publicEntry + " order by e.value asc nulls first limit 1) as lo,"
        + " (" + publicEntry + " order by e.value desc nulls last limit 1) as hi"
        + " from unnest(cast(:nodes as text[])) as n(node_id)",
        new MapSqlParameterSource("nodes", nodes.toArray(String[]::new)), rs -> {
          if (rs.getObject("lo") != null) {
            byNode.put(rs.getString("node_id"), new double[] {rs.getDouble("lo"), rs.getDouble("hi")});
          }
        });
    Map<String, double[]> out = Map.copyOf(byNode);
    ranges.set(new Ranges(generation, now, out));
    return out;
  }

  private static MapSqlParameterSource parameters(Query q) {
    MapSqlParameterSource p = new MapSqlParameterSource()
        .addValue("node", q.node())
        .addValue("sortNode", sortNode(q))
        .addValue("like", q.q() == null ? null : "%" + q.q().replace("\\", "\\\\").replace("%", "\\%")
            .replace("_", "\\_") + "%")
        .addValue("owner", q.owner())
        .addValue("kind", q.kind())
        .addValue("block", q.block())
        .addValue("benchmark", q.benchmark());
    if (q.from() != null) {
      p.addValue("fromTime", Timestamp.from(q.from().atStartOfDay(ZoneOffset.UTC).toInstant()));
    }
    if (q.to() != null) {
      p.addValue("toTime", Timestamp.from(q.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
    }
    return p;
  }

  private Map<String, Availability> availability() {
    Map<String, Availability> out = new HashMap<>();
    for (String id : benchmarks.tree().leavesUnder(ScoreTree.V1)) {
      benchmarks.find(id).ifPresent(b -> out.put(id, b.availability()));
    }
    return out;
  }

  /** The ranking node's children without a value, with their current state (from the page's own cells). */
  private List<ScoreAggregator.Missing> missing(String node, Map<String, Cell> cells) {
    Map<String, BenchmarkStates.State> leaves = new LinkedHashMap<>();
    for (String id : benchmarks.tree().leavesUnder(ScoreTree.V1)) {
      Cell c = cells.get(id);
      if (c != null && c.state() != null) {
        leaves.put(id, c.state());
      }
    }
    if (benchmarks.tree().isNode(node)) {
      ScoreAggregator.NodeValue v = states.aggregate(leaves).get(node);
      return v == null ? List.of() : v.missing();
    }
    BenchmarkStates.State s = leaves.get(node);
    if (s == null || BenchmarkStates.SCORED.equals(s.state())) {
      return List.of();
    }
    String reason = s.failure() != null ? "failed (" + s.failure().kind() + "): " + s.failure().message()
        : s.reason() != null ? s.reason() : s.state();
    return List.of(new ScoreAggregator.Missing(node, s.state(), reason));
  }

  private Map<String, Cell> cells(String text, Map<String, Availability> availability) {
    Map<String, Cell> out = new LinkedHashMap<>();
    if (text == null) {
      return out;
    }
    JsonNode node = json.readTree(text);
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      JsonNode a = e.getValue();
      Double value = number(a.get(0));
      Availability av = availability.get(e.getKey());
      BenchmarkStates.State state = av == null ? null : BenchmarkStates.state(e.getKey(), av, value, number(a.get(3)),
          text(a.get(4)), text(a.get(5)), text(a.get(6)), a.get(7).isNull() ? 0 : a.get(7).asLong(),
          a.get(8).isNull() ? 0 : a.get(8).asInt());
      out.put(e.getKey(), new Cell(value, a.get(1).asInt(), a.get(2).asInt(), number(a.get(3)), state));
    }
    return out;
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? null : n.asString();
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
