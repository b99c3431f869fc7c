package io.striate.webhook;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds new events in the tables that record them (model_version, score, and submissions whose jobs are all
 * finished) and turns each into one pending delivery per subscribed webhook of its owner. {@code webhook_emitted}
 * remembers what was fanned out ({@code on conflict do nothing}), so any number of processes may scan at once and
 * no package has to call into this one. Only the last day is scanned, and nothing older than the oldest webhook.
 */
@Component
class WebhookOutbox {
  private static final String SINCE = """
      greatest(now() - interval '1 day', (select min(created_at) from webhook where disabled_at is null))""";
  private static final String SUBSCRIBED = " w.disabled_at is null and (',' || w.events || ',') like ?";

  private final JdbcTemplate jdbc;

  WebhookOutbox(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** @return deliveries created */
  @Transactional
  public int fanOut() {
    Boolean any = jdbc.queryForObject("select exists (select 1 from webhook where disabled_at is null)", Boolean.class);
    if (!Boolean.TRUE.equals(any)) {
      return 0;
    }
    return versions() + scores() + submissions();
  }

  private static String fresh(String kind, String table, String condition) {
    return "with fresh as (insert into webhook_emitted (kind, ref_id) select '" + kind + "', x.id from " + table
        + " x where x.created_at >= " + SINCE + condition + " and not exists (select 1 from webhook_emitted e where "
        + "e.kind = '" + kind + "' and e.ref_id = x.id) on conflict do nothing returning ref_id) ";
  }

  private int versions() {
    return jdbc.update(fresh(WebhookEvents.VERSION_CREATED, "model_version", "") + """
        insert into webhook_delivery (webhook_id, event, payload, status, next_attempt_at)
        select w.id, 'version.created', jsonb_build_object('event', 'version.created', 'occurredAt', v.created_at,
               'data', jsonb_build_object('modelId', m.id, 'model', m.name, 'owner', m.owner, 'versionId', v.id,
                                          'sha256', v.sha256, 'kind', v.kind)), 'pending', now()
          from fresh f join model_version v on v.id = f.ref_id join model m on m.id = v.model_id
          join webhook w on w.owner = m.owner and w.created_at <= v.created_at and """ + SUBSCRIBED,
        "%," + WebhookEvents.VERSION_CREATED + ",%");
  }

  private int scores() {
    return jdbc.update(fresh(WebhookEvents.SCORE_RECORDED, "score", "") + """
        insert into webhook_delivery (webhook_id, event, payload, status, next_attempt_at)
        select w.id, 'score.recorded', jsonb_build_object('event', 'score.recorded', 'occurredAt', s.created_at,
               'data', jsonb_build_object('scoreId', s.id, 'modelId', m.id, 'model', m.name, 'versionId', v.id,
                       'benchmarkId', s.benchmark_id, 'benchmarkVersion', s.benchmark_version, 'ceiled', s.ceiled,
                       'raw', s.raw, 'error', s.error, 'layer', s.layer)), 'pending', now()
          from fresh f join score s on s.id = f.ref_id join model_version v on v.id = s.model_version_id
          join model m on m.id = v.model_id
          join webhook w on w.owner = m.owner and w.created_at <= s.created_at and """ + SUBSCRIBED,
        "%," + WebhookEvents.SCORE_RECORDED + ",%");
  }

  private int submissions() {
    String finished = " and not exists (select 1 from job j where j.submission_id = x.id"
        + " and j.state in ('queued', 'running'))";
    return jdbc.update(fresh(WebhookEvents.SUBMISSION_FINISHED, "submission", finished) + """
        insert into webhook_delivery (webhook_id, event, payload, status, next_attempt_at)
        select w.id, 'submission.finished', jsonb_build_object('event', 'submission.finished', 'occurredAt', now(),
               'data', jsonb_build_object('submissionId', s.id, 'versionId', s.model_version_id,
                       'modelId', v.model_id, 'owner', s.owner,
                       'state', case when c.total = 0 or (c.failed = 0 and c.succeeded > 0) then 'succeeded'
                                     when c.failed = 0 and c.succeeded = 0 then 'cancelled'
                                     when c.succeeded = 0 then 'failed' else 'partially-failed' end,
                       'jobs', coalesce((select jsonb_agg(jsonb_build_object('benchmarkId', j.benchmark_id,
                                'state', j.state, 'failureKind', j.failure_kind) order by j.id)
                                from job j where j.submission_id = s.id), '[]'::jsonb))), 'pending', now()
          from fresh f join submission s on s.id = f.ref_id join model_version v on v.id = s.model_version_id
          cross join lateral (select count(*) total, count(*) filter (where state = 'failed') failed,
                                     count(*) filter (where state = 'succeeded') succeeded
                                from job where submission_id = s.id) c
          join webhook w on w.owner = s.owner and w.created_at <= s.created_at and """ + SUBSCRIBED,
        "%," + WebhookEvents.SUBMISSION_FINISHED + ",%");
  }
}
