package io.striate.submission;

import io.striate.model.catalog.ModelAccess;
import io.striate.model.catalog.RegisteredModel;
import java.util.List;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/**
 * The paged lists {@code GET /api/v1/models} and {@code GET /api/v1/submissions}, filtered and paged in SQL. A
 * private model (and every submission on it) is listed only for its owner (the submitter, for submissions) and for
 * administrators ({@code viewer} null = anonymous): {@link ModelAccess#VISIBLE_SQL}.
 */
interface ListQueries extends Repository<RegisteredModel, Long> {
  String MODELS = """
        from model m
       where """ + ModelAccess.VISIBLE_SQL + """
         and (cast(:owner as text) is null or m.owner = cast(:owner as text))
         and (cast(:visibility as text) is null or m.visibility = cast(:visibility as text))
      """;

  @Query(nativeQuery = true, value = "select m.* " + MODELS + " order by m.id desc limit :limit offset :offset")
  List<RegisteredModel> models(@Param("viewer") String viewer, @Param("admin") boolean admin,
                               @Param("owner") String owner, @Param("visibility") String visibility,
                               @Param("limit") int limit, @Param("offset") long offset);

  @Query(nativeQuery = true, value = "select count(*) " + MODELS)
  long countModels(@Param("viewer") String viewer, @Param("admin") boolean admin, @Param("owner") String owner,
                   @Param("visibility") String visibility);

  /** A submission's overall state in SQL, the same rule as {@code SubmissionController.overall}. */
  String STATE = """
      (select case when count(*) = 0 then 'succeeded'
                   when bool_or(j.state = 'running') then 'running'
                   when bool_or(j.state = 'queued') then
                        case when bool_and(j.state = 'queued') then 'queued' else 'running' end
                   when count(*) filter (where j.state in ('failed', 'succeeded')) = 0 then 'cancelled'
                   when count(*) filter (where j.state = 'failed') = 0 then 'succeeded'
                   when count(*) filter (where j.state = 'succeeded') = 0 then 'failed'
                   else 'partially-failed' end
         from job j where j.submission_id = s.id)""";

  String SUBMISSIONS = """
        from submission s join model_version v on v.id = s.model_version_id join model m on m.id = v.model_id
       where (""" + ModelAccess.PUBLIC_SQL + " or :admin or s.owner = cast(:viewer as text))\n" + """
         and (cast(:owner as text) is null or s.owner = cast(:owner as text))
         and (cast(:visibility as text) is null or m.visibility = cast(:visibility as text))
         and (cast(:state as text) is null or\s""" + STATE + " = cast(:state as text))\n";

  @Query(nativeQuery = true, value = "select s.id " + SUBMISSIONS + " order by s.id desc limit :limit offset :offset")
  List<Long> submissions(@Param("viewer") String viewer, @Param("admin") boolean admin, @Param("owner") String owner,
                         @Param("state") String state, @Param("visibility") String visibility,
                         @Param("limit") int limit, @Param("offset") long offset);

  @Query(nativeQuery = true, value = "select count(*) " + SUBMISSIONS)
  long countSubmissions(@Param("viewer") String viewer, @Param("admin") boolean admin, @Param("owner") String owner,
                        @Param("state") String state, @Param("visibility") String visibility);
}
