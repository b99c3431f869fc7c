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
import org.springframework.web.bind.annotation.RequestParam;
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
  private final ListQueries lists;

  SubmissionController(SubmissionService service, SubmissionRepository submissions, JobRepository jobs,
                       ModelVersionRepository versions, RegisteredModelRepository models, ListQueries lists) {
    this.lists = lists;
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

  /**
   * @param benchmarks    what was asked for: the names sent, or the default {@code ["v1"]} when none were
   * @param defaulted     true when {@code benchmarks} is the default because the request named none
   * @param alreadyScored benchmarks asked for but not queued: the version already has a current score on them
   * @param notes         what the response means in words (the default applied, why nothing was queued)
   */
  record SubmissionView(long id, long modelVersionId, String owner, String state, Instant createdAt,
                        List<String> benchmarks, boolean defaulted, List<JobView> jobs, List<String> alreadyScored,
                        Map<String, String> skippedUnavailable, Map<String, Long> alreadyQueued, List<String> notes) {
  }

  /** A page of submissions, newest first. */
  record SubmissionPage(int page, int size, long total, List<SubmissionView> submissions) {
  }

  @Operation(summary = "Submit for scoring",
      description = "Creates one queued job per benchmark. `benchmarks` takes benchmark ids, score-tree nodes "
          + "(e.g. V1-orientation) or the suite `v1`; when absent or empty the default `[\"v1\"]` applies and the "
          + "response says so (`defaulted: true`, `notes`). Benchmarks whose data is not installed are "
          + "listed in `skippedUnavailable`; those already scored for this version in `alreadyScored` (kept with "
          + "the submission, and explained in `notes` when nothing was queued); those already queued or running for "
          + "this version (by any submission) are not queued again and listed in `alreadyQueued` (benchmark id → "
          + "job id). "
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
    SubmissionView view = view(created.submission(), created.skippedUnavailable(), created.alreadyQueued());
    if (created.replayed()) {
      return ResponseEntity.ok(view);
    }
    return ResponseEntity.created(URI.create("/api/v1/submissions/" + view.id())).body(view);
  }

  @Operation(summary = "A submission's state, queue position and per-job progress")
  @GetMapping("/{id}")
  @Transactional(readOnly = true)
  SubmissionView get(@PathVariable long id, HttpServletRequest request) {
    return view(visible(id, request), Map.of(), Map.of());
  }

  @Operation(summary = "List submissions", description = "Newest first, paged. Filters: `owner` (the submitter), "
      + "`state` (queued, running, succeeded, failed, partially-failed, cancelled) and `visibility` (of the "
      + "model: public or private). Submissions on private models are listed only for their submitter "
      + "(and administrators).")
  @GetMapping
  @Transactional(readOnly = true)
  SubmissionPage list(@RequestParam(required = false) String owner, @RequestParam(required = false) String state,
                      @RequestParam(required = false) String visibility,
                      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
                      HttpServletRequest request) {
    ListParameters.check(page, size);
    if (state != null && !STATES.contains(state)) {
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "invalid-parameter", "Unknown state '" + state + "'", "state",
          "Use one of " + STATES);
    }
    ListParameters.checkVisibility(visibility);
    Caller viewer = Callers.current(request).orElse(null);
    String viewerName = viewer == null ? null : viewer.owner();
    boolean admin = viewer != null && viewer.isAdmin();
    List<SubmissionView> views = lists.submissions(viewerName, admin, blank(owner), blank(state), blank(visibility),
        size, (long) page * size).stream().map(sid -> view(submissions.findById(sid).orElseThrow(), Map.of(), Map.of()))
        .toList();
    long total = lists.countSubmissions(viewerName, admin, blank(owner), blank(state), blank(visibility));
    return new SubmissionPage(page, size, total, views);
  }

  static final List<String> STATES = List.of("queued", "running", "succeeded", "failed", "partially-failed",
      "cancelled");

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  @Operation(summary = "Cancel the submission's queued and running jobs",
      description = "Queued jobs are cancelled at once; a running job is told by notification and stops at its next "
          + "batch (within seconds); nothing it computed is recorded.")
  @DeleteMapping("/{id}")
  @Transactional
  SubmissionView cancel(@PathVariable long id, HttpServletRequest request) {
    Caller caller = Callers.require(request, Scope.SUBMIT);
    Submission s = visible(id, request);
    if (!caller.owns(s.getOwner())) {
      throw new ProblemException(ProblemStatus.FORBIDDEN, "not-owner", "Only the submitter cancels a submission", "id",
          "Ask the submitter or an administrator");
    }
    jobs.cancelActive(id);
    return view(s, Map.of(), Map.of());
  }

  private Submission visible(long id, HttpServletRequest request) {
    return submissions.findById(id).filter(s -> Callers.current(request).map(c -> c.owns(s.getOwner())).orElse(false)
            || versions.findById(s.getModelVersionId()).flatMap(v -> models.findById(v.getModelId()))
            .map(m -> m.isPublic()).orElse(false))
        .orElseThrow(() -> ProblemException.notFound("submission", id));
  }

  private SubmissionView view(Submission s, Map<String, String> skipped, Map<String, Long> alreadyQueued) {
    List<JobView> jobViews = jobs.findBySubmissionIdOrderByIdAsc(s.getId()).stream().map(this::view).toList();
    boolean defaulted = s.getRequested() != null && s.getRequested().isEmpty();
    List<String> requested = s.getRequested() == null ? s.getBenchmarks()
        : defaulted ? SubmissionService.DEFAULT_BENCHMARKS : s.getRequested();
    List<String> notes = new java.util.ArrayList<>();
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
    return new SubmissionView(s.getId(), s.getModelVersionId(), s.getOwner(), overall(jobViews), s.getCreatedAt(),
        requested, defaulted, jobViews, s.getAlreadyScored(), skipped, alreadyQueued, notes);
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
