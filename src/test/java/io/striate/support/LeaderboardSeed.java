package io.striate.support;

import io.striate.benchmark.ScoreTree;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Seeds many public models straight into the leaderboard tables (one SQL statement per table, generate_series), for
 * the browser tests' paging and the 10,000-model page-time benchmark. Values are deterministic
 * ({@code hashtext(name || node)}), not aggregates of real scores: the rows exist to be listed, sorted and paged.
 * Every third model is TorchScript, the others block specs using a {@code vone} layer.
 */
public final class LeaderboardSeed {
  private LeaderboardSeed() {
  }

  /** Inserts {@code n} models named {@code prefix00001…} owned by {@code owner}, with a value at every node. */
  public static void seed(JdbcTemplate jdbc, String owner, String prefix, int n, ScoreTree tree) {
    List<String> nodes = new java.util.ArrayList<>(tree.internalNodes());
    nodes.addAll(tree.leavesUnder(ScoreTree.V1));
    String values = nodes.stream().map(x -> "('" + x.replace("'", "''") + "')").collect(Collectors.joining(","));
    jdbc.update("""
        insert into model (owner, name, description, visibility, created_at)
        select ?, ? || lpad(i::text, 5, '0'), 'seeded model ' || i, 'public', now() - make_interval(days => i % 400)
          from generate_series(1, ?) i""", owner, prefix, n);
    jdbc.update("""
        insert into model_version (model_id, sha256, kind, size_bytes, spec, metadata)
        select m.id, encode(sha256(convert_to(m.name, 'UTF8')), 'hex'),
               case when m.id % 3 = 0 then 'torchscript' else 'block_spec' end, 1000,
               case when m.id % 3 = 0 then null else '{"layers": [{"type": "vone", "name": "vone"}]}'::jsonb end,
               '{}'::jsonb
          from model m where m.owner = ? and m.name like ? || '%'""", owner, prefix);
    jdbc.update("""
        insert into leaderboard_entry (model_id, node_id, model_version_id, value, mean_of_scored, scored_children,
                                       total_children, missing)
        select v.model_id, n.node, v.id, (abs(hashtext(m.name || n.node)) % 1000) / 1000.0,
               (abs(hashtext(m.name || n.node)) % 1000) / 1000.0, 1, 1, '[]'::jsonb
          from model_version v join model m on m.id = v.model_id
         cross join (values NODES) as n(node)
         where m.owner = ? and m.name like ? || '%'""".replace("NODES", values), owner, prefix);
  }
}
