-- The job queue made trustworthy and bounded (issues 8 and 9): one active job per (version, benchmark, benchmark
-- version), jobs that kill or hang their worker are counted and quarantined, and state changes are announced with
-- NOTIFY so that idle workers wait instead of polling.

-- The benchmark version the job was queued for (every benchmark shipped before V3 was at version 1).
alter table job add column benchmark_version int not null default 1;
-- Attempts whose lease expired (the worker died or hung); a job reaching striate.worker.max-lost-leases is failed
-- as invalid-model instead of being claimed again.
alter table job add column lost_leases int not null default 0;

-- Duplicates that concurrent submissions could create before this index existed: keep the running one (or the
-- oldest), cancel the others.
update job set state = 'cancelled', finished_at = now(), lease_owner = null, lease_expires_at = null,
       failure_message = 'cancelled as a duplicate of job ' || keep.first
  from (select id, first_value(id) over w as first, row_number() over w as n
          from job where state in ('queued', 'running')
        window w as (partition by model_version_id, benchmark_id, benchmark_version
                     order by (state = 'running') desc, id)) keep
 where job.id = keep.id and keep.n > 1;

-- At most one queued-or-running job per (version, benchmark, benchmark version).
create unique index job_active_unique_idx on job (model_version_id, benchmark_id, benchmark_version)
    where state in ('queued', 'running');

-- Announce every change of state: 'queued:<id>' wakes idle workers, 'cancelled:<id>' stops a running attempt,
-- 'succeeded:<id>' / 'failed:<id>' release jobs that waited for it (depends_on).
create function job_state_notify() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and new.state = old.state then
        return null;
    end if;
    if new.state <> 'running' then
        perform pg_notify('striate_jobs', new.state || ':' || new.id);
    end if;
    return null;
end $$;
create trigger job_state_notify after insert or update of state on job
    for each row execute function job_state_notify();
