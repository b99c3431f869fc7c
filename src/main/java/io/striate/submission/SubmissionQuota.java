package io.striate.submission;

import io.striate.config.StriateProperties;
import io.striate.problem.ProblemException;
import io.striate.problem.ProblemStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The per-owner limit of submissions per UTC day ({@code striate.limits.submissions-per-day}, 0 = off). Checked inside
 * the submitting transaction under a per-owner advisory lock, so that concurrent submissions cannot overshoot; a
 * refusal is a 429 problem {@code quota-exceeded} that says when the quota resets.
 */
@Component
class SubmissionQuota {
  private final JdbcTemplate jdbc;
  private final int perDay;

  SubmissionQuota(JdbcTemplate jdbc, StriateProperties properties) {
    this.jdbc = jdbc;
    this.perDay = properties.limits().submissionsPerDay();
  }

  /** Must run in the transaction that then inserts the submission. */
  void check(String owner) {
    if (perDay <= 0) {
      return;
    }
    Instant dayStart = LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant reset = dayStart.plusSeconds(86_400);
    jdbc.queryForObject("select pg_advisory_xact_lock(hashtext('submission-quota:' || ?))", Object.class, owner);
    Long used = jdbc.queryForObject("select count(*) from submission where owner = ? and created_at >= ?",
        Long.class, owner, java.sql.Timestamp.from(dayStart));
    if (used != null && used >= perDay) {
      throw new ProblemException(ProblemStatus.TOO_MANY_REQUESTS, "quota-exceeded", "Owner '" + owner + "' has used "
          + used + " of " + perDay + " submissions today (UTC)", "owner",
          "Wait until the quota resets at " + reset + ", or ask an administrator to raise "
              + "striate.limits.submissions-per-day",
          Map.of("limit", perDay, "used", used, "resetsAt", reset.toString(),
              "retryAfterSeconds", Math.max(1, reset.getEpochSecond() - Instant.now().getEpochSecond())));
    }
  }
}
