-- Leaderboard speed (issue 11): one query per page over precomputed rows.
-- a leaf's error beside its value, so that a page's cells need no join to score
alter table leaderboard_entry add column error double precision;
-- each (version, benchmark)'s last job, for the "failed (kind): message" cells of a page (no per-row query)
create index job_version_benchmark_idx on job (model_version_id, benchmark_id, id desc);
-- the installed benchmarks the rows were computed on: a restart recomputes nothing unless that set changed
create table leaderboard_basis (
    id          int primary key check (id = 1),
    installed   text        not null,
    updated_at  timestamptz not null default now()
);
