-- Webhooks (issue 12): per-owner endpoints, the outbox of events already fanned out, and the delivery log.
-- Also an index for the per-owner daily submission quota.

create table webhook (
    id          bigserial primary key,
    owner       text        not null,
    url         text        not null check (url ~ '^https?://'),
    events      text        not null,                -- comma-separated: version.created, submission.finished, score.recorded
    secret      text        not null,                -- HMAC-SHA256 key; shown once at registration
    created_at  timestamptz not null default now(),
    disabled_at timestamptz
);
create index webhook_owner_idx on webhook (owner);

-- one row per event already fanned out to deliveries (kind + id of the version, submission or score), so that
-- any number of processes scanning for new events emit each once
create table webhook_emitted (
    kind       text        not null,
    ref_id     bigint      not null,
    emitted_at timestamptz not null default now(),
    primary key (kind, ref_id)
);

create table webhook_delivery (
    id              bigserial primary key,
    webhook_id      bigint      not null references webhook (id) on delete cascade,
    event           text        not null,
    payload         jsonb       not null,
    status          text        not null check (status in ('pending', 'delivered', 'failed')),
    attempts        int         not null default 0,
    response_code   int,
    last_error      text,
    next_attempt_at timestamptz,
    replay_of       bigint references webhook_delivery (id) on delete set null,
    created_at      timestamptz not null default now(),
    delivered_at    timestamptz
);
create index webhook_delivery_due_idx on webhook_delivery (next_attempt_at, id) where status = 'pending';
create index webhook_delivery_webhook_idx on webhook_delivery (webhook_id, id);

-- the quota counts an owner's submissions since the start of the UTC day
create index submission_owner_created_idx on submission (owner, created_at);
