package io.striate.leaderboard;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface LeaderboardEntryRepository extends JpaRepository<LeaderboardEntry, LeaderboardEntry.Key> {
  List<LeaderboardEntry> findByModelIdIn(Collection<Long> modelIds);

  List<LeaderboardEntry> findByModelIdOrderByNodeIdAsc(long modelId);

  @Modifying
  @Query("delete from LeaderboardEntry e where e.modelId = :modelId")
  void deleteByModel(@Param("modelId") long modelId);

  /** Serialises leaderboard refreshes of one model (concurrent jobs of one version). */
  @Query(nativeQuery = true, value = "select id from model where id = :modelId for update")
  Long lockModel(@Param("modelId") long modelId);

  /** Each model's version shown on the leaderboard. */
  @Query(nativeQuery = true, value = "select max(model_version_id) from leaderboard_entry group by model_id")
  List<Long> currentVersions();

  @Query(nativeQuery = true, value = "select max(model_version_id) from leaderboard_entry where model_id = :modelId")
  Long currentVersion(@Param("modelId") long modelId);

  /** The installed benchmarks (comma-separated, sorted) the rows were last computed on, or null. */
  @Query(nativeQuery = true, value = "select installed from leaderboard_basis where id = 1")
  String basis();

  @Modifying
  @Query(nativeQuery = true, value = """
      insert into leaderboard_basis (id, installed) values (1, :installed)
      on conflict (id) do update set installed = excluded.installed, updated_at = now()""")
  void saveBasis(@Param("installed") String installed);
}
