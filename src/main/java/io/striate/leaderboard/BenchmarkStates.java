package io.striate.leaderboard;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.striate.benchmark.Availability;
import io.striate.benchmark.Benchmark;
import io.striate.benchmark.BenchmarkRegistry;
import io.striate.benchmark.ScoreAggregator;
import io.striate.benchmark.ScoreTree;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * The state of every benchmark of the score tree for a model version, distinct everywhere it is shown:
 * <ul>
 *   <li>{@code scored} — a current score exists (its ceiled value);</li>
 *   <li>{@code failed} — the last job failed for good (failure kind and message; the owner retries by submitting
 *       the benchmark again, {@link #retry});</li>
 *   <li>{@code not-installed} — this instance lacks the benchmark's data (why, and how an administrator imports
 *       it); pruned from the score tree for every model;</li>
 *   <li>{@code queued} / {@code running} — a job is pending;</li>
 *   <li>{@code not-requested} — installed, never submitted (or cancelled).</li>
 * </ul>
 * Failed, pending and not-requested benchmarks count as 0 in their parent ({@link ScoreAggregator}).
 */
@Component
public class BenchmarkStates {
  public static final String SCORED = "scored";
  public static final String FAILED = ScoreAggregator.FAILED;
  public static final String NOT_INSTALLED = ScoreAggregator.NOT_INSTALLED;
  public static final String QUEUED = "queued";
  public static final String RUNNING = "running";
  public static final String NOT_REQUESTED = "not-requested";

  private final StateQueries queries;
  private final BenchmarkRegistry benchmarks;

  BenchmarkStates(StateQueries queries, BenchmarkRegistry benchmarks) {
    this.queries = queries;
    this.benchmarks = benchmarks;
  }

  /** Why a job failed. */
  public record Failure(String kind, String message, long jobId, int attempts) {
  }

  /** An HTTP request that re-queues a failed benchmark (for the model's owner). */
  public record Action(String method, String href, Map<String, Object> body) {
  }

  /**
   * One benchmark's state for one version.
   *
   * @param ceiled  the ceiled score (scored only)
   * @param error   the score's error (scored only, when the benchmark reports one)
   * @param failure kind and message (failed only)
   * @param reason  why it is not installed (not-installed only)
   * @param howTo   the import instructions (not-installed only)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record State(String benchmarkId, String state, Double ceiled, Double error, Failure failure, String reason,
                      String howTo) {
  }

  /** The installed leaves of the score tree on this instance. */
  public Set<String> installed() {
    Set<String> out = new TreeSet<>();
    for (String id : benchmarks.tree().leavesUnder(ScoreTree.V1)) {
      benchmarks.find(id).filter(b -> b.availability().available()).ifPresent(b -> out.add(id));
    }
    return out;
  }

  /** Every leaf's state for each of {@code versionIds}, in tree order. */
  public Map<Long, Map<String, State>> of(Collection<Long> versionIds) {
    Map<Long, Map<String, State>> out = new LinkedHashMap<>();
    if (versionIds.isEmpty()) {
      return out;
    }
    Map<Long, Map<String, StateQueries.ScoreValue>> scores = new HashMap<>();
    for (StateQueries.ScoreValue s : queries.scores(versionIds)) {
      Benchmark b = benchmarks.find(s.getBenchmarkId()).orElse(null);
      if (b != null && b.info().version() == s.getBenchmarkVersion() && s.getCeiled() != null) {
        scores.computeIfAbsent(s.getModelVersionId(), k -> new HashMap<>()).put(s.getBenchmarkId(), s);
      }
    }
    Map<Long, Map<String, StateQueries.LastJob>> jobs = new HashMap<>();
    for (StateQueries.LastJob j : queries.lastJobs(versionIds)) {
      jobs.computeIfAbsent(j.getModelVersionId(), k -> new HashMap<>()).put(j.getBenchmarkId(), j);
    }
    List<String> leaves = benchmarks.tree().leavesUnder(ScoreTree.V1);
    Map<String, Availability> availability = new HashMap<>();
    leaves.forEach(id -> availability.put(id, benchmarks.find(id).orElseThrow().availability()));
    for (Long v : versionIds) {
      Map<String, State> states = new LinkedHashMap<>();
      for (String id : leaves) {
        states.put(id, state(id, availability.get(id), scores.getOrDefault(v, Map.of()).get(id),
            jobs.getOrDefault(v, Map.of()).get(id)));
      }
      out.put(v, states);
    }
    return out;
  }

  /** The states of one version. */
  public Map<String, State> of(long versionId) {
    return of(List.of(versionId)).get(versionId);
  }

  private static State state(String id, Availability a, StateQueries.ScoreValue score, StateQueries.LastJob job) {
    return job == null ? state(id, a, score == null ? null : score.getCeiled(), score == null ? null : score.getError(),
        null, null, null, 0, 0)
        : state(id, a, score == null ? null : score.getCeiled(), score == null ? null : score.getError(), job.getState(),
        job.getFailureKind(), job.getFailureMessage(), job.getId(), job.getAttempts());
  }

  /**
   * One benchmark's state from its current score (if any), its last job (if any) and its availability here: not
   * installed wins, then scored, then the last job's failure or pending state, else not requested.
   */
  public static State state(String id, Availability a, Double ceiled, Double error, String jobState,
                            String failureKind, String failureMessage, long jobId, int attempts) {
    if (!a.available()) {
      return new State(id, NOT_INSTALLED, null, null, null, a.reason(), a.howTo());
    }
    if (ceiled != null) {
      return new State(id, SCORED, ceiled, error, null, null, null);
    }
    if (FAILED.equals(jobState)) {
      return new State(id, FAILED, null, null, new Failure(failureKind, failureMessage, jobId, attempts), null, null);
    }
    if (QUEUED.equals(jobState) || RUNNING.equals(jobState)) {
      return new State(id, jobState, null, null, null, null, null);
    }
    return new State(id, NOT_REQUESTED, null, null, null, null, null);
  }

  /** The request that re-queues {@code benchmarkId} for {@code versionId}. */
  public static Action retry(long versionId, String benchmarkId) {
    return new Action("POST", "/api/v1/submissions", Map.of("modelVersionId", versionId,
        "benchmarks", List.of(benchmarkId)));
  }

  /** Aggregates the score tree from these states. */
  public Map<String, ScoreAggregator.NodeValue> aggregate(Map<String, State> states) {
    Set<String> installed = new TreeSet<>();
    Map<String, Double> ceiled = new HashMap<>();
    Map<String, ScoreAggregator.LeafState> unscored = new HashMap<>();
    states.forEach((id, s) -> {
      if (!NOT_INSTALLED.equals(s.state())) {
        installed.add(id);
      }
      switch (s.state()) {
        case SCORED -> ceiled.put(id, s.ceiled());
        case FAILED -> unscored.put(id, new ScoreAggregator.LeafState(FAILED, "failed ("
            + s.failure().kind() + "): " + s.failure().message()));
        case NOT_INSTALLED -> unscored.put(id, new ScoreAggregator.LeafState(NOT_INSTALLED, "not installed: "
            + s.reason()));
        case QUEUED, RUNNING -> unscored.put(id, new ScoreAggregator.LeafState(ScoreAggregator.NOT_SCORED,
            s.state() + ", not scored yet"));
        default -> unscored.put(id, new ScoreAggregator.LeafState(ScoreAggregator.NOT_SCORED,
            "installed but not requested for this version"));
      }
    });
    return ScoreAggregator.aggregate(benchmarks.tree(), installed, ceiled, unscored);
  }
}
