/**
 * The V1 benchmarks (FreemanZiemba2013 neural predictivity, the Marques2020 property benchmarks), their
 * metrics and stimuli.
 *
 * <p>Public surface: {@link io.striate.benchmark.Benchmark}, {@link io.striate.benchmark.BenchmarkRegistry},
 * {@link io.striate.benchmark.BenchmarkInfo}, {@link io.striate.benchmark.BenchmarkScore},
 * {@link io.striate.benchmark.ScoreTree} and {@link io.striate.benchmark.ScoreAggregator}. The sub-packages
 * ({@code freemanziemba2013}, {@code marques2020}, {@code metrics}, {@code stimuli}) are used by the registry.
 */
package io.striate.benchmark;
