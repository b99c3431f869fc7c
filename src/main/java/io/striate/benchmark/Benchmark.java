package io.striate.benchmark;

import io.striate.model.BrainModel;
import io.striate.model.Progress;

/**
 * One scoring procedure with a stable id (Brain-Score's, verbatim), e.g.
 * {@code Marques2020_Ringach2002-or_bandwidth} or {@code FreemanZiemba2013.V1-pls}.
 * A benchmark is a composition of stimuli, an in-silico experiment, a metric and a ceiling
 * (see ../specs/v1-benchmarks.md); implementations are registered as Spring beans and collected by
 * {@link BenchmarkRegistry}.
 */
public interface Benchmark {
  BenchmarkInfo info();

  /** Whether the data this benchmark needs is installed; unavailable benchmarks are never scored as 0. */
  Availability availability();

  /**
   * Scores {@code model} on its committed layer for this benchmark's region.
   *
   * @throws io.striate.problem.ScoringException with the failure kind when scoring cannot complete
   */
  BenchmarkScore score(BrainModel model, Progress progress);
}
