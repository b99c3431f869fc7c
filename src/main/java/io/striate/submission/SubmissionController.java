package io.striate.submission;

import io.striate.problem.ProblemStatus;
import io.striate.account.Caller;
import io.striate.account.Callers;
import io.striate.account.Scope;
import io.striate.scoring.JobRepository;
import io.striate.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;
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
  private final JobRepository jobs;
  private final SubmissionRepository submissions;
  private final ListQueries lists;
  private final SubmissionViews views;
  private final SubmissionWatch watch;
  private final java.time.Duration maxWait;

  SubmissionController(SubmissionService service, SubmissionRepository submissions, JobRepository jobs,
                       ListQueries lists, SubmissionViews views, SubmissionWatch watch,
                       io.striate.config.StriateProperties properties) {
    this.submissions = submissions;
    this.lists = lists;
    this.service = service;
    this.jobs = jobs;
    this.views = views;
    this.watch = watch;
    this.maxWait = properties.limits().maxWait();
  }

  record SubmitRequest(@NotNull Long modelVersionId, @Size(max = 100) List<String> benchmarks) {
  }

  record Failure(String kind, String message) {
  }

  /**
   * @param progress        fraction done, 0..1; {@code percent} the same in percent, rounded
   * @param peakMemoryBytes peak resident memory (heap and native) of the worker while the last attempt ran, or null
   * @param batchSize       the batch size the worker picked for the last attempt (fitted to its memory budget and the
   *                        preflight's fastest batch size)
   * @param forwardImages   images the last attempt's forward passes computed (responses read from the activation store
   *                        not counted), or null before a worker ran it
   * @param imagesPerSecond throughput of those forward passes (stimulus generation excluded), or null when it computed
   *                        none
   */
  record JobView(long id, String benchmarkId, String state, int attempts, int maxAttempts, String stage,
                 double progress, int percent, Long queuePosition, Instant runAfter, Instant startedAt, Instant finishedAt,
                 Failure failure, Long peakMemoryBytes, Integer batchSize, Integer forwardImages,
                 Double imagesPerSecond) {
  }

  /**
   * @param benchmarks    what was asked for: the names sent, or the default {@code ["v1"]} when none were
   * @param defaulted     true when {@code benchmarks} is the default because the request named none
   * @param alreadyScored benchmarks asked for but not queued: the version already has a current score on them
   * @param alreadyQueued benchmarks not queued again because a job for them is queued or running: id → job id
   * @param notes         what the response means in words (the default applied, why nothing was queued)
   * @param estimates     images and time per benchmark (on submission and dry run; null on later reads)
   */
  record SubmissionView(long id, long modelVersionId, String owner, String state, Instant createdAt,
                        List<String> benchmarks, boolean defaulted, List<JobView> jobs, List<String> alreadyScored,
                        Map<String, String> skippedUnavailable, Map<String, Long> alreadyQueued, List<String> notes,
                        SubmissionEstimates.Estimates estimates) {
  }

  /** A page of submissions, newest first. */
  record SubmissionPage(int page, int size, long total, List<SubmissionView> submissions) {
  }

  /** The answer of a dry run: what would be queued and what it would cost; nothing is created. */
  record DryRunView(boolean dryRun, long modelVersionId, List<String> wouldRun, List<String> alreadyScored,
                    Map<String, String> skippedUnavailable, SubmissionEstimates.Estimates estimates) {
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
          + "200; same key + another body → 409). The response states the images each benchmark will run and the "
          + "estimated time (from the upload preflight's ms/image) in `estimates`. With `?dryRun=true` nothing is "
          + "created: the answer (200) says what would run and what it would cost. When the per-owner daily quota "
          + "(striate.limits.submissions-per-day) is spent the answer is 429 `quota-exceeded` with `resetsAt`; "
          + "requests refused by validation do not count.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
      value = "{\"modelVersionId\": 1, \"benchmarks\": [\"v1\"]}")))
  @ApiResponse(responseCode = "201", description = "Queued; Location names the submission",
      content = @Content(schema = @Schema(implementation = SubmissionView.class)))
  @ApiResponse(responseCode = "200", description = "A replay of the same Idempotency-Key, or the plan of a dry run",
      content = @Content(schema = @Schema(oneOf = {SubmissionView.class, DryRunView.class})))
  @PostMapping
  ResponseEntity<?> submit(@RequestBody @Valid SubmitRequest body,
                           @RequestHeader(value = "Idempotency-Key", required = false) String key,
                           @RequestParam(value = "dryRun", defaultValue = "false") boolean dryRun,
                           HttpServletRequest request) {
    Caller caller = Callers.require(request, Scope.SUBMIT);
    if (dryRun) {
      SubmissionService.Plan plan = service.dryRun(caller, body);
      return ResponseEntity.ok(new DryRunView(true, plan.modelVersionId(), plan.toRun(), plan.alreadyScored(),
          plan.skippedUnavailable(), plan.estimates()));
    }
    if (key != null && (key.isBlank() || key.length() > 200)) {
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "invalid-header", "Idempotency-Key must be 1-200 characters",
          "Idempotency-Key", "Use a UUID per logical request");
    }
    SubmissionService.Created created = service.submit(caller, body, key);
    SubmissionView view = views.view(created.submission(), created.skippedUnavailable(), created.alreadyQueued(),
        created.estimates());
    if (created.replayed()) {
      return ResponseEntity.ok(view);
    }
    return ResponseEntity.created(URI.create("/api/v1/submissions/" + view.id())).body(view);
  }

  @Operation(summary = "A submission's state, queue position and per-job progress",
      description = "With `?wait=60s` (a long poll; also `500ms`, `2m` or plain seconds, at most "
          + "striate.limits.max-wait, default 120 s) the answer comes as soon as the state, a job's state, stage or "
          + "percent changes, or when the time runs out (then unchanged), or at once when the submission has "
          + "finished. A CI loop: `while state in (queued, running): GET …?wait=60s`. Over the maximum: 400 "
          + "`wait-too-long`.")
  @GetMapping("/{id}")
  org.springframework.web.context.request.async.DeferredResult<SubmissionView> get(@PathVariable long id,
             @io.swagger.v3.oas.annotations.Parameter(description = "long-poll time, e.g. 60s",
                 example = "60s") @RequestParam(value = "wait", required = false) String wait,
             HttpServletRequest request) {
    Submission s = visible(id, request);
    SubmissionView now = views.view(s, Map.of(), Map.of(), null);
    java.time.Duration timeout = wait == null ? java.time.Duration.ZERO : WaitParameter.parse(wait, maxWait);
    if (SubmissionViews.finished(now) || timeout.isZero()) {
      var done = new org.springframework.web.context.request.async.DeferredResult<SubmissionView>();
      done.setResult(now);
      return done;
    }
    return watch.longPoll(id, SubmissionViews.signature(now), timeout);
  }

  @Operation(summary = "Follow a submission as Server-Sent Events",
      description = "A `text/event-stream`: `state` (the submission view: state, each job's stage, percent and queue "
          + "position) at once and on every change; `score` ({benchmarkId, ceiled, raw, error, layer}) as each "
          + "score is recorded; `finished` (the final view) after which the stream closes. Example:\n\n"
          + "```\nevent: state\ndata: {\"id\":7,\"state\":\"running\",\"jobs\":[{\"benchmarkId\":\"…\","
          + "\"stage\":\"metric\",\"percent\":95}]}\n\nevent: score\ndata: {\"benchmarkId\":\"…\","
          + "\"ceiled\":0.61}\n\nevent: finished\ndata: {\"id\":7,\"state\":\"succeeded\"}\n```")
  @GetMapping(value = "/{id}/events", produces = org.springframework.http.MediaType.TEXT_EVENT_STREAM_VALUE)
  org.springframework.web.servlet.mvc.method.annotation.SseEmitter events(@PathVariable long id,
                                                                          HttpServletRequest request) {
    Submission s = visible(id, request);
    return watch.stream(s.getId(), s.getModelVersionId());
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
    List<SubmissionView> found = lists.submissions(viewerName, admin, blank(owner), blank(state), blank(visibility),
        size, (long) page * size).stream().map(sid -> views.view(submissions.findById(sid).orElseThrow(), Map.of(), Map.of(), null))
        .toList();
    long total = lists.countSubmissions(viewerName, admin, blank(owner), blank(state), blank(visibility));
    return new SubmissionPage(page, size, total, found);
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
    return views.view(s, Map.of(), Map.of(), null);
  }

  private Submission visible(long id, HttpServletRequest request) {
    return views.visible(id, request);
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
