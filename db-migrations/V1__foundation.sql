-- Striate foundation schema: accounts, models and versions, submissions, the job queue, scores and the
-- leaderboard. Lowercase SQL; never edit once applied, add a new V<n>__ file instead.

create table api_token (
    id            bigserial primary key,
    owner         text        not null,
    name          text        not null,
    token_hash    text        not null unique check (length(token_hash) = 64), -- sha-256 hex of the secret; the secret itself is never stored
    token_prefix  text        not null,             -- first characters, to recognise a token in listings
    scopes        text        not null,             -- comma-separated: submit, admin
    created_at    timestamptz not null default now(),
    last_used_at  timestamptz,
    revoked_at    timestamptz
);
create index api_token_owner_idx on api_token (owner);

create table model (
    id           bigserial primary key,
    owner        text        not null,
    name         text        not null,
    description  text        not null default '',
    visibility   text        not null check (visibility in ('public', 'private')),
    paper_url    text,
    code_url     text,
    bibtex       text,
    created_at   timestamptz not null default now(),
    unique (owner, name)
);
create index model_lower_name_idx on model (lower(name));

create table model_version (
    id             bigserial primary key,
    model_id       bigint      not null references model (id) on delete cascade,
    sha256         text        not null check (sha256 ~ '^[0-9a-f]{64}$'),
    kind           text        not null check (kind in ('torchscript', 'block_spec')),
    size_bytes     bigint      not null,
    spec           jsonb,                           -- canonical block spec (block_spec versions)
    metadata       jsonb       not null default '{}'::jsonb,  -- input spec, taps, preflight report
    v1_layer       text,
    v1_layer_source text check (v1_layer_source in ('pinned', 'sweep', 'default')),
    created_at     timestamptz not null default now(),
    unique (model_id, sha256)
);

create table submission (
    id               bigserial primary key,
    model_version_id bigint      not null references model_version (id) on delete cascade,
    owner            text        not null,
    idempotency_key  text,
    request_hash     text        not null,
    benchmarks       text        not null,          -- comma-separated ids as requested after suite expansion
    created_at       timestamptz not null default now()
);
create unique index submission_idempotency_idx on submission (owner, idempotency_key) where idempotency_key is not null;
create index submission_version_idx on submission (model_version_id);

create table job (
    id               bigserial primary key,
    submission_id    bigint      not null references submission (id) on delete cascade,
    model_version_id bigint      not null references model_version (id) on delete cascade,
    benchmark_id     text        not null,
    state            text        not null check (state in ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    attempts         int         not null default 0,
    max_attempts     int         not null,
    run_after        timestamptz not null default now(),
    lease_owner      text,
    lease_expires_at timestamptz,
    stage            text,
    progress         double precision not null default 0,
    failure_kind     text check (failure_kind in ('invalid-model', 'transient', 'resource-exhausted', 'internal')),
    failure_message  text,
    created_at       timestamptz not null default now(),
    started_at       timestamptz,
    finished_at      timestamptz
);
-- the claim: oldest runnable queued job (partial index keeps it small however long the history grows)
create index job_claim_idx on job (run_after, id) where state = 'queued';
-- the reaper: running jobs whose lease expired
create index job_lease_idx on job (lease_expires_at) where state = 'running';
create index job_submission_idx on job (submission_id);

create table score (
    id                bigserial primary key,
    job_id            bigint      references job (id) on delete set null,
    model_version_id  bigint      not null references model_version (id) on delete cascade,
    benchmark_id      text        not null,
    benchmark_version int         not null,
    raw               double precision,
    ceiling           double precision,
    ceiled            double precision,
    error             double precision,
    layer             text,
    formula_id        text,
    details           jsonb       not null default '{}'::jsonb,
    created_at        timestamptz not null default now(),
    unique (model_version_id, benchmark_id, benchmark_version)
);
create index score_benchmark_idx on score (benchmark_id);

-- One row per (model, score-tree node): the model's most recently scored version, aggregated by the rule of
-- the Brain-Score leaderboard (parent = mean of children, missing child = 0, all missing = not scored).
create table leaderboard_entry (
    model_id          bigint      not null references model (id) on delete cascade,
    node_id           text        not null,
    model_version_id  bigint      not null references model_version (id) on delete cascade,
    value             double precision,             -- null = not scored
    mean_of_scored    double precision,
    scored_children   int         not null,
    total_children    int         not null,
    missing           jsonb       not null default '[]'::jsonb,
    updated_at        timestamptz not null default now(),
    primary key (model_id, node_id)
);
create index leaderboard_rank_idx on leaderboard_entry (node_id, value desc nulls last, model_id);
