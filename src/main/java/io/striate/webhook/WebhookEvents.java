package io.striate.webhook;

import java.util.List;

/**
 * The events a webhook can subscribe to. Each delivery body is
 * {@code {"event": NAME, "occurredAt": ISO-8601, "data": {...}}} with {@code data}:
 * <ul>
 *   <li>{@code version.created}: modelId, model, owner, versionId, sha256, kind</li>
 *   <li>{@code submission.finished}: submissionId, versionId, modelId, owner, state (succeeded, failed,
 *       partially-failed, cancelled), jobs [{benchmarkId, state, failureKind}]</li>
 *   <li>{@code score.recorded}: scoreId, modelId, model, versionId, benchmarkId, benchmarkVersion, ceiled, raw, error,
 *       layer</li>
 * </ul>
 * An owner's webhooks receive the events of the owner's models and submissions that happen after registration.
 */
final class WebhookEvents {
  static final String VERSION_CREATED = "version.created";
  static final String SUBMISSION_FINISHED = "submission.finished";
  static final String SCORE_RECORDED = "score.recorded";
  static final List<String> ALL = List.of(VERSION_CREATED, SUBMISSION_FINISHED, SCORE_RECORDED);

  private WebhookEvents() {
  }
}
