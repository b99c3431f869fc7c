package io.striate.submission;

import io.striate.problem.ProblemStatus;
import io.striate.account.Caller;
import io.striate.account.Callers;
import io.striate.account.Scope;
import io.striate.model.catalog.RegisteredModelRepository;
import io.striate.model.catalog.ModelVersionRepository;
import io.striate.scoring.Job;
import io.striate.scoring.JobRepository;
import io.striate.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "submissions", description = "Submit a model version for scoring and follow its jobs")
@RestController
@RequestMapping("/api/v1/submissions")
class SubmissionController {
  private final SubmissionService service;
  private final SubmissionRepository submissions;
  private final JobRepository jobs;
  private final ModelVersionRepository versions;
  private final RegisteredModelRepository models;

  SubmissionController(SubmissionService service, SubmissionRepository submissions, JobRepository jobs,
                       ModelVersionRepository versions, RegisteredModelRepository models) {
    this.service = service;
    this.submissions = submissions;
    this.jobs = jobs;
    this.versions = versions;
    this.models = models;
  }

  record SubmitRequest(@NotNull Long modelVersionId, @Size(max = 100) List<String> benchmarks) {
  }

  record Failure(String kind, String message) {
  }

  /** @param progress fraction done, 0..1; {@code percent} the same in percent, rounded */
  record JobView(long id, String benchmarkId, String state, int attempts, int maxAttempts, String stage,
                 double progress, int percent, Long queuePosition, Instant runAfter, Instant startedAt, Instant finishedAt,
                 Failure failure) {
  }

  record SubmissionView(long id, long modelVersionId, String owner, String state, Instant createdAt,
                        List<JobView> jobs, List<String> alreadyScored, Map<String, String> skippedUnavailable) {
  }

  @Operation(summary = "Submit for scoring",
      description = "Creates one queued job per benchmark. `benchmarks` takes benchmark ids, score-tree nodes "
          + "(e.g. V1-orientation) or the suite `v1` (the default). Benchmarks whose data is not installed are "
          + "listed in `skippedUnavailable`; those already scored for this version in `alreadyScored`. "
          + "Send an `Idempotency-Key` header to make retries safe (same key + same body → the same submission, "
          + "200; same key + another body → 409).")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
      value = "{\"modelVersionId\": 1, \"benchmarks\": [\"v1\"]}")))
  @PostMapping
  ResponseEntity<SubmissionView> submit(@RequestBody @Valid SubmitRequest body,
                                        @RequestHeader(value = "Idempotency-Key", required = false) String key,
                                        HttpServletRequest request) {
    Caller caller = Callers.require(request, Scope.SUBMIT);
    if (key != null && (key.isBlank() || key.length() > 200)) {
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "invalid-header", "Idempotency-Key must be 1-200 characters",
          "Idempotency-Key", "Use a UUID per logical request");
    }
    SubmissionService.Created created = service.submit(caller, body, key);
    SubmissionView view = view(created.submission(), created.alreadyScored(), created.skippedUnavailable());
    if (created.replayed()) {
      return ResponseEntity.ok(view);
    }
    return ResponseEntity.created(URI.create("/api/v1/submissions/" + view.id())).body(view);
  }

  @Operation(summary = "A submission's state, queue position and per-job progress")
  @GetMapping("/{id}")
  @Transactional(readOnly = true)
  SubmissionView get(@PathVariable long id, HttpServletRequest request) {
    return view(visible(id, request), List.of(), Map.of());
  }

  @Operation(summary = "Cancel the submission's queued jobs", description = "Running jobs finish.")
  @DeleteMapping("/{id}")
  @Transactional
  SubmissionView cancel(@PathVariable long id, HttpServletRequest request) {
    Caller caller = Callers.require(request, Scope.SUBMIT);
    Submission s = visible(id, request);
    if (!caller.owns(s.getOwner())) {
      throw new ProblemException(ProblemStatus.FORBIDDEN, "not-owner", "Only the submitter cancels a submission", "id",
          "Ask the submitter or an administrator");
    }
    jobs.cancelQueued(id);
    return view(s, List.of(), Map.of());
  }

  private Submission visible(long id, HttpServletRequest request) {
    return submissions.findById(id).filter(s -> Callers.current(request).map(c -> c.owns(s.getOwner())).orElse(false)
            || versions.findById(s.getModelVersionId()).flatMap(v -> models.findById(v.getModelId()))
            .map(m -> m.isPublic()).orElse(false))
        .orElseThrow(() -> ProblemException.notFound("submission", id));
  }

  private SubmissionView view(Submission s, List<String> alreadyScored, Map<String, String> skipped) {
    List<JobView> jobViews = jobs.findBySubmissionIdOrderByIdAsc(s.getId()).stream().map(this::view).toList();
    return new SubmissionView(s.getId(), s.getModelVersionId(), s.getOwner(), overall(jobViews), s.getCreatedAt(),
        jobViews, alreadyScored, skipped);
  }

  private JobView view(Job j) {
    Long position = "queued".equals(j.getState()) ? jobs.queuePosition(j.getId()) : null;
    Failure failure = j.getFailureKind() == null ? null : new Failure(j.getFailureKind(), j.getFailureMessage());
    return new JobView(j.getId(), j.getBenchmarkId(), j.getState(), j.getAttempts(), j.getMaxAttempts(), j.getStage(),
        j.getProgress(), (int) Math.round(100 * j.getProgress()), position, j.getRunAfter(), j.getStartedAt(), j.getFinishedAt(), failure);
  }

  /** queued / running while anything is pending; then succeeded, failed, partially-failed or cancelled. */
  static String overall(List<JobView> jobs) {
    if (jobs.isEmpty()) {
      return "succeeded";
    }
    if (jobs.stream().anyMatch(j -> j.state().equals("running"))) {
      return "running";
    }
    if (jobs.stream().anyMatch(j -> j.state().equals("queued"))) {
      return jobs.stream().anyMatch(j -> !j.state().equals("queued")) ? "running" : "queued";
    }
    long failed = jobs.stream().filter(j -> j.state().equals("failed")).count();
    long succeeded = jobs.stream().filter(j -> j.state().equals("succeeded")).count();
    if (failed == 0 && succeeded == 0) {
      return "cancelled";
    }
    return failed == 0 ? "succeeded" : succeeded == 0 ? "failed" : "partially-failed";
  }
}
