package io.striate.scoring;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

/**
 * The PostgreSQL job queue. Claims use {@code FOR UPDATE SKIP LOCKED} so that any number of workers in any
 * number of processes take distinct jobs without blocking each other; every transition is one guarded
 * statement (a worker that lost its lease changes nothing).
 */
public interface JobRepository extends JpaRepository<Job, Long> {

  /** Claims the oldest runnable queued job for {@code worker}, returning its id. */
  @Transactional
  @Query(nativeQuery = true, value = """
      update job set state = 'running', lease_owner = :worker, attempts = attempts + 1,
             lease_expires_at = now() + make_interval(secs => :leaseSeconds),
             started_at = now(), stage = 'claimed', progress = 0
       where id = (select id from job q
                    where state = 'queued' and run_after <= now()
                      and (depends_on is null or not exists (select 1 from job d
                           where d.id = q.depends_on and d.state in ('queued', 'running')))
                    order by run_after, id
                    for update skip locked
                    limit 1)
      returning id""")
  Optional<Long> claim(@Param("worker") String worker, @Param("leaseSeconds") double leaseSeconds);

  /** Renews the lease and records progress; 0 rows means the lease was lost. */
  @Modifying
  @Transactional
  @Query(nativeQuery = true, value = """
      update job set lease_expires_at = now() + make_interval(secs => :leaseSeconds),
             stage = :stage, progress = :progress
       where id = :id and lease_owner = :worker and state = 'running'""")
  int heartbeat(@Param("id") long id, @Param("worker") String worker, @Param("leaseSeconds") double leaseSeconds,
                @Param("stage") String stage, @Param("progress") double progress);

  @Modifying
  @Transactional
  @Query(nativeQuery = true, value = """
      update job set state = 'succeeded', stage = 'done', progress = 1, finished_at = now(),
             lease_owner = null, lease_expires_at = null, failure_kind = null, failure_message = null
       where id = :id and lease_owner = :worker and state = 'running'""")
  int succeed(@Param("id") long id, @Param("worker") String worker);

  /** A retryable failure: back to the queue after {@code backoffSeconds}, or failed when attempts are spent. */
  @Modifying
  @Transactional
  @Query(nativeQuery = true, value = """
      update job set state = case when attempts >= max_attempts then 'failed' else 'queued' end,
             run_after = now() + make_interval(secs => :backoffSeconds),
             finished_at = case when attempts >= max_attempts then now() end,
             failure_kind = :kind, failure_message = :message,
             lease_owner = null, lease_expires_at = null
       where id = :id and lease_owner = :worker and state = 'running'""")
  int retryOrFail(@Param("id") long id, @Param("worker") String worker, @Param("kind") String kind,
                  @Param("message") String message, @Param("backoffSeconds") double backoffSeconds);

  @Modifying
  @Transactional
  @Query(nativeQuery = true, value = """
      update job set state = 'failed', finished_at = now(), failure_kind = :kind, failure_message = :message,
             lease_owner = null, lease_expires_at = null
       where id = :id and lease_owner = :worker and state = 'running'""")
  int fail(@Param("id") long id, @Param("worker") String worker, @Param("kind") String kind,
           @Param("message") String message);

  /** Returns jobs of dead workers (expired leases) to the queue, or fails them once attempts are spent. */
  @Modifying
  @Transactional
  @Query(nativeQuery = true, value = """
      update job set state = case when attempts >= max_attempts then 'failed' else 'queued' end,
             finished_at = case when attempts >= max_attempts then now() end,
             failure_kind = 'transient',
             failure_message = case when attempts >= max_attempts
                 then 'the worker stopped responding on every attempt (lease expired)'
                 else 'the worker stopped responding (lease expired); requeued' end,
             run_after = now(), lease_owner = null, lease_expires_at = null
       where state = 'running' and lease_expires_at < now()""")
  int requeueExpired();

  @Modifying
  @Transactional
  @Query(nativeQuery = true, value = """
      update job set state = 'cancelled', finished_at = now()
       where submission_id = :submissionId and state = 'queued'""")
  int cancelQueued(@Param("submissionId") long submissionId);

  List<Job> findBySubmissionIdOrderByIdAsc(long submissionId);

  /** Every job of these versions, newest first (a model page's submission history). */
  List<Job> findByModelVersionIdInOrderByIdDesc(java.util.Collection<Long> modelVersionIds);

  /** Position in the queue: runnable queued jobs ahead of this one. */
  @Query(nativeQuery = true, value = """
      select count(*) from job q, job j
       where j.id = :id and q.state = 'queued' and (q.run_after, q.id) < (j.run_after, j.id)""")
  long queuePosition(@Param("id") long id);

  @Query(nativeQuery = true, value = "select count(*) from job where state = :state")
  long countInState(@Param("state") String state);
}
