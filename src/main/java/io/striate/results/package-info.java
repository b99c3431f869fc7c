/**
 * Stored results: the score of a model version on a benchmark ({@link io.striate.results.Score}) and the
 * per-layer sweep of layer-selecting benchmarks ({@link io.striate.results.LayerSweepRow}), with their
 * repositories {@link io.striate.results.ScoreRepository} and {@link io.striate.results.LayerSweepRepository}.
 * Written by the scoring worker; other features read a version's results through
 * {@link io.striate.results.VersionResults}.
 */
package io.striate.results;
