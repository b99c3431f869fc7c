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
 * statement naming the worker and its attempt ({@code attempts} at claim time), so an attempt that lost its lease,
 * or was cancelled, changes nothing. State changes are announced on the {@code striate_jobs} channel (V3 trigger).
 */
public interface JobRepository extends JpaRepository<Job, Long> {

  /** A claimed job: its id and the attempt this claim started. */
  interface Claim {
    Long getId();

    Integer getAttempt();
  }

  /**
   * Claims the first runnable queued job for {@code worker}. Order is {@code (run_after, id)}: a job requeued after
   * a lost lease keeps its original {@code run_after} and so its place.
   */
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
      returning id as id, attempts as attempt""")
  Optional<Claim> claim(@Param("worker") String worker, @Param("leaseSeconds") double leaseSeconds);

  /** Seconds until the next queued job becomes runnable (retry backoff), or null when none waits. */
  @Query(nativeQuery = true, value = """
      select extract(epoch from min(run_after) - now()) from job where state = 'queued' and run_after > now()""")
  Double secondsUntilNextRunnable();

  /** Renews the lease and records progress; 0 rows means this attempt no longer owns the job. */
  @Modifying
  @Transactional
  @Query(nativeQuery = true, value = """
      update job set lease_expires_at = now() + make_interval(secs => :leaseSeconds),
             stage = :stage, progress = :progress
       where id = :id and lease_owner = :worker and attempts = :attempt and state = 'running'""")
  int heartbeat(@Param("id") long id, @Param("worker") String worker, @Param("attempt") int attempt,
                @Param("leaseSeconds") double leaseSeconds, @Param("stage") String stage,
                @Param("progress") double progress);

  /** A job's state and attempt count, to tell why a heartbeat matched no row. */
  interface Ownership {
    String getState();

    Integer getAttempts();
  }

  @Query(nativeQuery = true, value = "select state as state, attempts as attempts from job where id = :id")
  Optional<Ownership> ownership(@Param("id") long id);

  @Modifying
  @Transactional
  @Query(nativeQuery = true, value = """
      update job set state = 'succeeded', stage = 'done', progress = 1, finished_at = now(),
             lease_owner = null, lease_expires_at = null, failure_kind = null, failure_message = null
       where id = :id and lease_owner = :worker and attempts = :attempt and state = 'running'""")
  int succeed(@Param("id") long id, @Param("worker") String worker, @Param("attempt") int attempt);

  /** A retryable failure: back to the queue after {@code backoffSeconds}, or failed when attempts are spent. */
  @Modifying
  @Transactional
  @Query(nativeQuery = true, value = """
      update job set state = case when attempts >= max_attempts then 'failed' else 'queued' end,
             run_after = now() + make_interval(secs => :backoffSeconds),
             finished_at = case when attempts >= max_attempts then now() end,
             failure_kind = :kind, failure_message = :message,
             lease_owner = null, lease_expires_at = null
       where id = :id and lease_owner = :worker and attempts = :attempt and state = 'running'""")
  int retryOrFail(@Param("id") long id, @Param("worker") String worker, @Param("attempt") int attempt,
                  @Param("kind") String kind, @Param("message") String message,
                  @Param("backoffSeconds") double backoffSeconds);

  @Modifying
  @Transactional
  @Query(nativeQuery = true, value = """
      update job set state = 'failed', finished_at = now(), failure_kind = :kind, failure_message = :message,
             lease_owner = null, lease_expires_at = null
       where id = :id and lease_owner = :worker and attempts = :attempt and state = 'running'""")
  int fail(@Param("id") long id, @Param("worker") String worker, @Param("attempt") int attempt,
           @Param("kind") String kind, @Param("message") String message);

  /**
   * What an attempt used: its peak resident bytes, the batch size it ran at, the images its forward passes computed
   * and their images per second (kept if it is no longer its).
   */
  @Modifying
  @Transactional
  @Query(nativeQuery = true, value = """
      update job set peak_memory_bytes = :peakBytes, batch_size = :batchSize, forward_images = :images,
             images_per_second = :imagesPerSecond
       where id = :id and attempts = :attempt""")
  int recordUsage(@Param("id") long id, @Param("attempt") int attempt, @Param("peakBytes") Long peakBytes,
                  @Param("batchSize") int batchSize, @Param("images") int images,
                  @Param("imagesPerSecond") Double imagesPerSecond);

  /**
   * Hands a running job back at once (graceful shutdown): queued again in its old place, the attempt not counted.
   */
  @Modifying
  @Transactional
  @Query(nativeQuery = true, value = """
      update job set state = 'queued', attempts = attempts - 1, stage = 'released', progress = 0,
             lease_owner = null, lease_expires_at = null
       where id = :id and lease_owner = :worker and attempts = :attempt and state = 'running'""")
  int release(@Param("id") long id, @Param("worker") String worker, @Param("attempt") int attempt);

  /**
   * Returns jobs of dead workers (expired leases) to the queue in their old place ({@code run_after} unchanged);
   * quarantines a job whose lease expired {@code maxLostLeases} times (it kills or hangs its worker) as
   * {@code invalid-model}; fails it as {@code transient} once attempts are spent.
   */
  @Modifying
  @Transactional
  @Query(nativeQuery = true, value = """
      update job set lost_leases = lost_leases + 1,
             state = case when lost_leases + 1 >= :maxLostLeases or attempts >= max_attempts
                 then 'failed' else 'queued' end,
             finished_at = case when lost_leases + 1 >= :maxLostLeases or attempts >= max_attempts then now() end,
             failure_kind = case when lost_leases + 1 >= :maxLostLeases then 'invalid-model' else 'transient' end,
             failure_message = case
                 when lost_leases + 1 >= :maxLostLeases then 'quarantined: the worker died or stopped responding '
                     || 'while scoring this model on ' || (lost_leases + 1) || ' attempts (a model that crashes or '
                     || 'hangs its process); it is not claimed again'
                 when attempts >= max_attempts
                 then 'the worker stopped responding on every attempt (lease expired)'
                 else 'the worker stopped responding (lease expired); requeued in its place' end,
             lease_owner = null, lease_expires_at = null
       where state = 'running' and lease_expires_at < now()""")
  int requeueExpired(@Param("maxLostLeases") int maxLostLeases);

  /** Cancels the submission's queued and running jobs; a running attempt learns it from the notification. */
  @Modifying
  @Transactional
  @Query(nativeQuery = true, value = """
      update job set state = 'cancelled', finished_at = now(), lease_owner = null, lease_expires_at = null
       where submission_id = :submissionId and state in ('queued', 'running')""")
  int cancelActive(@Param("submissionId") long submissionId);

  /**
   * Queues a job unless one for the same (version, benchmark, benchmark version) is queued or running already
   * (the unique partial index decides, so concurrent submissions cannot both queue it); returns the new id or empty.
   */
  @Transactional
  @Query(nativeQuery = true, value = """
      insert into job (submission_id, model_version_id, benchmark_id, benchmark_version, state, max_attempts,
                       depends_on)
      values (:submissionId, :versionId, :benchmarkId, :benchmarkVersion, 'queued', :maxAttempts, cast(:dependsOn as bigint))
      on conflict (model_version_id, benchmark_id, benchmark_version) where state in ('queued', 'running')
      do nothing
      returning id""")
  Optional<Long> enqueue(@Param("submissionId") long submissionId, @Param("versionId") long versionId,
                         @Param("benchmarkId") String benchmarkId, @Param("benchmarkVersion") int benchmarkVersion,
                         @Param("maxAttempts") int maxAttempts, @Param("dependsOn") Long dependsOn);

  /** The queued or running job of (version, benchmark, benchmark version), if any. */
  @Query(nativeQuery = true, value = """
      select id from job where model_version_id = :versionId and benchmark_id = :benchmarkId
         and benchmark_version = :benchmarkVersion and state in ('queued', 'running')""")
  Optional<Long> findActive(@Param("versionId") long versionId, @Param("benchmarkId") String benchmarkId,
                            @Param("benchmarkVersion") int benchmarkVersion);

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
