package io.striate.leaderboard;

import java.time.Instant;
import java.util.List;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/**
 * Read side of the leaderboard: one indexed scan of {@code leaderboard_entry} for the ranking node
 * ({@code leaderboard_rank_idx}), joined to public models, filtered and paged in SQL.
 */
interface LeaderboardQueries extends Repository<LeaderboardEntry, LeaderboardEntry.Key> {

  /** A ranked row as SQL returns it. */
  interface Row {
    Long getModelId();

    String getName();

    String getOwner();

    String getDescription();

    Instant getCreatedAt();

    Long getModelVersionId();

    Double getValue();

    Double getMeanOfScored();

    Integer getScoredChildren();

    Integer getTotalChildren();

    String getMissing();

    Integer getScoredLeaves();

    Integer getInstalledLeaves();

    Integer getTotalLeaves();

    String getCoverage();

    Long getRank();

    Long getTotal();
  }

  String FILTER = """
        from leaderboard_entry e join model m on m.id = e.model_id
       where e.node_id = :node and m.visibility = 'public'
         and (cast(:q as text) is null or m.name ilike '%' || cast(:q as text) || '%'
              or m.description ilike '%' || cast(:q as text) || '%')
         and (cast(:owner as text) is null or m.owner = cast(:owner as text))
         and (cast(:benchmark as text) is null or exists (select 1 from score s
              where s.model_version_id = e.model_version_id and s.benchmark_id = cast(:benchmark as text)))
      """;

  String COLUMNS = """
      select e.model_id as modelId, m.name as name, m.owner as owner, m.description as description,
             m.created_at as createdAt, e.model_version_id as modelVersionId, e.value as value,
             e.mean_of_scored as meanOfScored, e.scored_children as scoredChildren,
             e.total_children as totalChildren, cast(e.missing as text) as missing,
             e.scored_leaves as scoredLeaves, e.installed_leaves as installedLeaves, e.total_leaves as totalLeaves,
             e.coverage as coverage,
             rank() over (order by e.value desc nulls last) as rank, count(*) over () as total
      """;

  @Query(nativeQuery = true, value = COLUMNS + FILTER + """
       order by
         case when :sort = 'score' and :descending then e.value end desc nulls last,
         case when :sort = 'score' and not :descending then e.value end asc nulls last,
         case when :sort = 'name' and :descending then lower(m.name) end desc,
         case when :sort = 'name' and not :descending then lower(m.name) end asc,
         case when :sort = 'owner' and :descending then m.owner end desc,
         case when :sort = 'owner' and not :descending then m.owner end asc,
         case when :sort = 'created' and :descending then m.created_at end desc,
         case when :sort = 'created' and not :descending then m.created_at end asc,
         e.model_id
       limit :limit offset :offset""")
  List<Row> page(@Param("node") String node, @Param("q") String q, @Param("owner") String owner,
                 @Param("benchmark") String benchmark, @Param("sort") String sort,
                 @Param("descending") boolean descending, @Param("limit") int limit, @Param("offset") long offset);

  @Query(nativeQuery = true, value = "select count(*) " + FILTER)
  long count(@Param("node") String node, @Param("q") String q, @Param("owner") String owner,
             @Param("benchmark") String benchmark);
}
