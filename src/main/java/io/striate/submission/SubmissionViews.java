package io.striate.submission;

import io.striate.account.Callers;
import io.striate.model.catalog.ModelAccess;
import io.striate.scoring.Job;
import io.striate.scoring.JobRepository;
import io.striate.submission.SubmissionController.Failure;
import io.striate.submission.SubmissionController.JobView;
import io.striate.submission.SubmissionController.SubmissionView;
import io.striate.problem.ProblemException;
import io.striate.problem.ProblemStatus;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Reads a submission with its jobs as the API shows it, and decides who may see it. */
@Component
class SubmissionViews {
  private final SubmissionRepository submissions;
  private final JobRepository jobs;
  private final ModelAccess access;

  SubmissionViews(SubmissionRepository submissions, JobRepository jobs, ModelAccess access) {
    this.submissions = submissions;
    this.jobs = jobs;
    this.access = access;
  }

  /** The submission if the caller owns it or its model is public; a 404 otherwise (existence is not revealed). */
  Submission visible(long id, HttpServletRequest request) {
    return submissions.findById(id).filter(s -> Callers.current(request).map(c -> c.owns(s.getOwner())).orElse(false)
            || access.version(s.getModelVersionId(), Optional.empty()).isPresent())
        .orElseThrow(() -> ProblemException.notFound("submission", id));
  }

  SubmissionView view(Submission s, Map<String, String> skipped, Map<String, Long> alreadyQueued,
                      SubmissionEstimates.Estimates estimates) {
    List<JobView> jobViews = jobs.findBySubmissionIdOrderByIdAsc(s.getId()).stream().map(this::view).toList();
    boolean defaulted = s.getRequested() != null && s.getRequested().isEmpty();
    List<String> requested = s.getRequested() == null ? s.getBenchmarks()
        : defaulted ? SubmissionService.DEFAULT_BENCHMARKS : s.getRequested();
    List<String> notes = new ArrayList<>();
    if (defaulted) {
      notes.add("No 'benchmarks' given: the default [\"v1\"] (every V1 benchmark installed here) was requested");
    }
    if (jobViews.isEmpty() && !s.getAlreadyScored().isEmpty()) {
      notes.add("Nothing was queued: this version already has a current score on every requested benchmark that "
          + "can run here (" + s.getAlreadyScored().size() + " listed in alreadyScored); scores are kept per "
          + "benchmark version, so they are not recomputed");
    } else if (jobViews.isEmpty()) {
      notes.add("Nothing was queued: none of the requested benchmarks can run here (see skippedUnavailable and "
          + "GET /api/v1/benchmarks)");
    } else if (!s.getAlreadyScored().isEmpty()) {
      notes.add(s.getAlreadyScored().size() + " requested benchmark(s) already scored for this version were not "
          + "queued again (alreadyScored)");
    }
    return new SubmissionView(s.getId(), s.getModelVersionId(), s.getOwner(), SubmissionController.overall(jobViews),
        s.getCreatedAt(), requested, defaulted, jobViews, s.getAlreadyScored(), skipped, alreadyQueued, notes,
        estimates);
  }

  SubmissionView view(long submissionId) {
    return submissions.findById(submissionId).map(s -> view(s, Map.of(), Map.of(), null)).orElse(null);
  }

  private JobView view(Job j) {
    Long position = "queued".equals(j.getState()) ? jobs.queuePosition(j.getId()) : null;
    Failure failure = j.getFailureKind() == null ? null : new Failure(j.getFailureKind(), j.getFailureMessage());
    return new JobView(j.getId(), j.getBenchmarkId(), j.getState(), j.getAttempts(), j.getMaxAttempts(), j.getStage(),
        j.getProgress(), (int) Math.round(100 * j.getProgress()), position, j.getRunAfter(), j.getStartedAt(),
        j.getFinishedAt(), failure, j.getPeakMemoryBytes(), j.getBatchSize(), j.getForwardImages(),
        j.getImagesPerSecond() == null ? null : Math.round(j.getImagesPerSecond() * 10) / 10.0);
  }

  /** Whether nothing more will change: every job succeeded, failed or was cancelled. */
  static boolean finished(SubmissionView v) {
    return !v.state().equals("queued") && !v.state().equals("running");
  }

  /**
   * What a waiting client is waiting for: the overall state and each job's state, stage and percent (queue positions
   * move with other people's work and do not count as a change of this submission).
   */
  static String signature(SubmissionView v) {
    return v.state() + "|" + v.jobs().stream().map(j -> j.id() + ":" + j.state() + ":" + j.stage() + ":" + j.percent())
        .collect(Collectors.joining(","));
  }
}
