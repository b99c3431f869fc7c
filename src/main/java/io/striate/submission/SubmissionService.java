package io.striate.submission;

import io.striate.problem.ProblemStatus;
import io.striate.account.Caller;
import io.striate.benchmark.Benchmark;
import io.striate.benchmark.BenchmarkRegistry;
import io.striate.config.StriateProperties;
import io.striate.benchmark.ScoreTree;
import io.striate.model.catalog.ModelAccess;
import io.striate.model.catalog.ModelVersion;
import io.striate.scoring.JobRepository;
import io.striate.results.VersionResults;
import io.striate.storage.Hashing;
import io.striate.problem.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a submission into queued jobs in one transaction. An {@code Idempotency-Key} makes retries safe: the same
 * key with the same body returns the first submission; the same key with another body is a 409. Benchmarks the
 * version already has a current score for are not run again. The per-owner daily quota ({@link SubmissionQuota}) is
 * checked in the same transaction, after validation, so refused requests and replays never count.
 */
@Service
class SubmissionService {
  private final SubmissionRepository submissions;
  private final JobRepository jobs;
  private final VersionResults results;
  private final ModelAccess access;
  private final BenchmarkRegistry benchmarks;
  private final TransactionTemplate tx;
  private final StriateProperties properties;
  private final SubmissionEstimates estimates;
  private final SubmissionQuota quota;

  SubmissionService(SubmissionRepository submissions, JobRepository jobs, VersionResults results,
                    ModelAccess access, BenchmarkRegistry benchmarks,
                    TransactionTemplate tx, StriateProperties properties, SubmissionEstimates estimates,
                    SubmissionQuota quota) {
    this.estimates = estimates;
    this.quota = quota;
    this.submissions = submissions;
    this.jobs = jobs;
    this.results = results;
    this.access = access;
    this.benchmarks = benchmarks;
    this.tx = tx;
    this.properties = properties;
  }

  /** @param alreadyQueued benchmarks not queued again because a job for them is queued or running: id → job id */
  record Created(Submission submission, boolean replayed, List<String> alreadyScored,
                 Map<String, String> skippedUnavailable, Map<String, Long> alreadyQueued,
                 SubmissionEstimates.Estimates estimates) {
  }

  /** What a submission gets when it names no benchmarks (stated in the response). */
  static final List<String> DEFAULT_BENCHMARKS = List.of(BenchmarkRegistry.SUITE_V1);

  /** The benchmarks as named, or the stated default when none are. */
  static List<String> requested(SubmissionController.SubmitRequest body) {
    return body.benchmarks() == null || body.benchmarks().isEmpty() ? DEFAULT_BENCHMARKS : body.benchmarks();
  }

  /** What {@link #submit} would queue, validated the same way, without creating anything (and outside the quota). */
  record Plan(long modelVersionId, List<String> toRun, List<String> alreadyScored,
              Map<String, String> skippedUnavailable, SubmissionEstimates.Estimates estimates) {
  }

  Plan dryRun(Caller caller, SubmissionController.SubmitRequest body) {
    ModelVersion version = visibleVersion(caller, body);
    BenchmarkRegistry.Resolution resolution = benchmarks.resolve(requested(body));
    List<String> toRun = new ArrayList<>();
    List<String> alreadyScored = new ArrayList<>();
    split(version, resolution, toRun, alreadyScored);
    layerSweepFirst(version, toRun);
    Map<String, String> skipped = skipped(resolution);
    return new Plan(version.getId(), toRun, alreadyScored, skipped,
        estimates.estimate(version, toRun, alreadyScored, skipped));
  }

  Created submit(Caller caller, SubmissionController.SubmitRequest body, String idempotencyKey) {
    List<String> asked = body.benchmarks() == null ? List.of() : body.benchmarks();
    for (int i = 0; i < asked.size(); i++) {
      if (asked.get(i) == null || asked.get(i).isBlank()) {
        throw new ProblemException(ProblemStatus.BAD_REQUEST, "invalid-field", "benchmarks[" + i + "] is "
            + (asked.get(i) == null ? "null" : "blank"), "/benchmarks/" + i,
            "List benchmark ids or score-tree nodes, e.g. [\"V1\"]; see GET /api/v1/benchmarks");
      }
    }
    String requestHash = Hashing.sha256Hex(body.modelVersionId() + "|" + String.join(",",
        body.benchmarks() == null ? List.of() : body.benchmarks()));
    if (idempotencyKey != null) {
      Optional<Created> replay = replay(caller, idempotencyKey, requestHash);
      if (replay.isPresent()) {
        return replay.get();
      }
    }
    ModelVersion version = visibleVersion(caller, body);
    BenchmarkRegistry.Resolution resolution = benchmarks.resolve(requested(body));
    List<String> toRun = new ArrayList<>();
    List<String> alreadyScored = new ArrayList<>();
    split(version, resolution, toRun, alreadyScored);
    String sweep = layerSweepFirst(version, toRun);
    Map<String, String> skipped = skipped(resolution);
    try {
      Map<String, Long> alreadyQueued = new TreeMap<>();
      Submission saved = tx.execute(status -> {
        alreadyQueued.clear();
        quota.check(caller.owner());
        Submission s = submissions.saveAndFlush(new Submission(version.getId(), caller.owner(), idempotencyKey,
            requestHash, toRun, body.benchmarks() == null ? List.of() : body.benchmarks(), alreadyScored));
        Long sweepJob = null;
        if (sweep != null) {
          sweepJob = enqueue(s, version, sweep, null, alreadyQueued);
        }
        for (String id : toRun) {
          if (!id.equals(sweep)) {
            boolean v1 = benchmarks.tree().leavesUnder(ScoreTree.V1).contains(id);
            enqueue(s, version, id, v1 ? sweepJob : null, alreadyQueued);
          }
        }
        return s;
      });
      return new Created(saved, false, alreadyScored, skipped, alreadyQueued,
          estimates.estimate(version, toRun, alreadyScored, skipped));
    } catch (DataIntegrityViolationException race) {
      // a concurrent request with the same key won: answer as its replay
      return replay(caller, idempotencyKey, requestHash).orElseThrow(() -> race);
    }
  }

  private ModelVersion visibleVersion(Caller caller, SubmissionController.SubmitRequest body) {
    ModelVersion version = access.version(body.modelVersionId(), Optional.of(caller))
        .orElseThrow(() -> new ProblemException(ProblemStatus.NOT_FOUND, "version-not-found", "No model version "
            + body.modelVersionId(), "/modelVersionId", "Upload a version first: POST /api/v1/models/{id}/versions"));
    String owner = access.model(version.getModelId(), Optional.of(caller)).map(m -> m.getOwner()).orElse("");
    if (!caller.owns(owner) && !properties.scoring().anyoneMaySubmit()) {
      throw new ProblemException(ProblemStatus.FORBIDDEN, "not-owner", "Only the owner of model " + version.getModelId()
          + " or an administrator queues scoring of its versions", "/modelVersionId",
          "Ask the owner to submit it (striate.scoring.anyone-may-submit=true opens submissions to every token)");
    }
    return version;
  }

  private void split(ModelVersion version, BenchmarkRegistry.Resolution resolution, List<String> toRun,
                     List<String> alreadyScored) {
    for (Benchmark b : resolution.runnable()) {
      boolean scored = results.isScored(version.getId(), b.info().id(), b.info().version());
      (scored ? alreadyScored : toRun).add(b.info().id());
    }
  }

  private static Map<String, String> skipped(BenchmarkRegistry.Resolution resolution) {
    Map<String, String> skipped = new TreeMap<>();
    resolution.unavailable().forEach((id, a) -> skipped.put(id, a.reason()));
    return skipped;
  }

  /**
   * The layer-selection benchmark to run before the others, when the version has no committed V1 layer yet, the
   * sweep is available here, and V1 benchmarks are about to run; null otherwise.
   */
  private String layerSweepFirst(ModelVersion version, List<String> toRun) {
    String id = properties.scoring().layerSelectionBenchmark();
    if (version.getV1LayerSource() != null || toRun.isEmpty()) {
      return null;
    }
    var v1Leaves = benchmarks.tree().leavesUnder(ScoreTree.V1);
    if (toRun.stream().noneMatch(v1Leaves::contains)) {
      return null;
    }
    var selector = benchmarks.find(id).filter(b -> b.availability().available());
    if (selector.isEmpty() || results.isScored(version.getId(), id, selector.get().info().version())) {
      return null;
    }
    if (!toRun.contains(id)) {
      toRun.add(0, id);
    }
    return id;
  }

  /**
   * Queues {@code benchmarkId} for the version unless a job for it is queued or running already (the unique
   * partial index decides, also between concurrent submissions); returns the id of the job that will run it.
   */
  private Long enqueue(Submission s, ModelVersion version, String benchmarkId, Long dependsOn,
                       Map<String, Long> alreadyQueued) {
    int benchmarkVersion = benchmarks.find(benchmarkId).map(b -> b.info().version()).orElse(1);
    Optional<Long> id = jobs.enqueue(s.getId(), version.getId(), benchmarkId, benchmarkVersion,
        properties.worker().maxAttempts(), dependsOn);
    if (id.isPresent()) {
      return id.get();
    }
    Long existing = jobs.findActive(version.getId(), benchmarkId, benchmarkVersion).orElse(null);
    alreadyQueued.put(benchmarkId, existing);
    return existing;
  }

  private Optional<Created> replay(Caller caller, String key, String requestHash) {
    return submissions.findByOwnerAndIdempotencyKey(caller.owner(), key).map(existing -> {
      if (!existing.getRequestHash().equals(requestHash)) {
        throw new ProblemException(ProblemStatus.CONFLICT, "idempotency-key-reused", "Idempotency-Key '" + key
            + "' was used for a different request", "Idempotency-Key",
            "Use a new key for a new request, or resend the original body");
      }
      return new Created(existing, true, existing.getAlreadyScored(), Map.of(), Map.of(), null);
    });
  }
}
