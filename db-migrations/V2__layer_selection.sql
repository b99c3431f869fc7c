-- Layer selection (Brain-Score's region -> layer commitment): a version's V1 benchmarks wait for its layer sweep,
-- and the sweep is kept, one row per candidate layer.

alter table job add column depends_on bigint references job (id) on delete set null;
create index job_depends_on_idx on job (depends_on) where depends_on is not null;

create table layer_sweep (
    model_version_id  bigint      not null references model_version (id) on delete cascade,
    benchmark_id      text        not null,
    layer             text        not null,
    raw               double precision,
    ceiled            double precision,
    error             double precision,
    chosen            boolean     not null,
    created_at        timestamptz not null default now(),
    primary key (model_version_id, benchmark_id, layer)
);
