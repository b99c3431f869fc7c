package io.striate.benchmark;

import java.util.Map;

/**
 * The outcome of one benchmark on one model.
 *
 * @param raw       unceiled score
 * @param ceiling   the ceiling used
 * @param ceiled    the ceiled score (what the leaderboard shows)
 * @param error     the score's uncertainty as Brain-Score defines it, NaN if none: for the Marques2020 property
 *                  benchmarks the raw bootstrap standard deviation, not divided by the ceiling (Brain-Score's ceiling
 *                  step leaves {@code error} unscaled; the scaled one is {@code details.error_ceiled})
 * @param layer     the model layer that was scored
 * @param formulaId how {@code ceiled} was derived from raw and ceiling (e.g. {@code raw/ceiling}, {@code (r/c)^2})
 * @param details   JSON-serialisable evidence: per-unit values, histograms, per-layer sweep
 */
public record BenchmarkScore(double raw, double ceiling, double ceiled, double error, String layer, String formulaId,
                             Map<String, Object> details) {
  public BenchmarkScore {
    details = details == null ? Map.of() : details;
  }
}
