package io.striate.web;

import io.striate.scoring.Job;
import io.striate.scoring.JobRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The submission history of model versions as the pages show it: jobs grouped by submission with state, stage,
 * percent, queue position, an estimate of the time left (elapsed × (1 − p) / p of a running job) and the failure
 * kind and message. Read in-process from the job queue; the pages poll it with htmx while anything is pending.
 */
@Component
class JobActivity {
  private final JobRepository jobs;

  JobActivity(JobRepository jobs) {
    this.jobs = jobs;
  }

  record JobRow(long id, long modelVersionId, String benchmarkId, String state, String stage, int percent,
                Long queuePosition, String timeLeft, String failureKind, String failureMessage, int attempts,
                int maxAttempts, Instant createdAt) {
    boolean active() {
      return "queued".equals(state) || "running".equals(state);
    }
  }

  record SubmissionRow(long id, long modelVersionId, String state, Instant createdAt, List<JobRow> jobs) {
  }

  /** Submissions of these versions, newest first. */
  List<SubmissionRow> ofVersions(Collection<Long> versionIds) {
    if (versionIds.isEmpty()) {
      return List.of();
    }
    return group(jobs.findByModelVersionIdInOrderByIdDesc(versionIds));
  }

  List<SubmissionRow> ofSubmission(long submissionId) {
    return group(jobs.findBySubmissionIdOrderByIdAsc(submissionId));
  }

  static boolean anyActive(List<SubmissionRow> rows) {
    return rows.stream().anyMatch(s -> s.jobs().stream().anyMatch(JobRow::active));
  }

  private List<SubmissionRow> group(List<Job> all) {
    Map<Long, List<JobRow>> bySubmission = new LinkedHashMap<>();
    Map<Long, Job> first = new LinkedHashMap<>();
    for (Job j : all) {
      bySubmission.computeIfAbsent(j.getSubmissionId(), k -> new ArrayList<>()).add(row(j));
      first.putIfAbsent(j.getSubmissionId(), j);
    }
    List<SubmissionRow> out = new ArrayList<>();
    bySubmission.forEach((id, rows) -> {
      rows.sort(java.util.Comparator.comparingLong(JobRow::id));
      Job j = first.get(id);
      out.add(new SubmissionRow(id, j.getModelVersionId(), overall(rows), rows.stream().map(JobRow::createdAt)
          .min(Instant::compareTo).orElse(j.getCreatedAt()), rows));
    });
    return out;
  }

  private JobRow row(Job j) {
    Long position = "queued".equals(j.getState()) ? jobs.queuePosition(j.getId()) : null;
    return new JobRow(j.getId(), j.getModelVersionId(), j.getBenchmarkId(), j.getState(), j.getStage(),
        (int) Math.round(100 * j.getProgress()), position, timeLeft(j), j.getFailureKind(), j.getFailureMessage(),
        j.getAttempts(), j.getMaxAttempts(), j.getCreatedAt());
  }

  private static String timeLeft(Job j) {
    if (!"running".equals(j.getState()) || j.getStartedAt() == null || j.getProgress() <= 0.01) {
      return null;
    }
    double elapsed = Duration.between(j.getStartedAt(), Instant.now()).toMillis() / 1000.0;
    long left = Math.round(elapsed * (1 - j.getProgress()) / j.getProgress());
    return left < 60 ? "~" + left + " s left" : "~" + Math.round(left / 60.0) + " min left";
  }

  /** Same rule as the submissions API: pending while anything is queued or running. */
  static String overall(List<JobRow> jobs) {
    if (jobs.stream().anyMatch(j -> j.state().equals("running"))) {
      return "running";
    }
    if (jobs.stream().anyMatch(j -> j.state().equals("queued"))) {
      return jobs.stream().anyMatch(j -> !j.state().equals("queued")) ? "running" : "queued";
    }
    long failed = jobs.stream().filter(j -> j.state().equals("failed")).count();
    long succeeded = jobs.stream().filter(j -> j.state().equals("succeeded")).count();
    if (failed == 0 && succeeded == 0) {
      return jobs.isEmpty() ? "succeeded" : "cancelled";
    }
    return failed == 0 ? "succeeded" : succeeded == 0 ? "failed" : "partially-failed";
  }
}
