package io.striate.benchmark.metrics;

/**
 * How a raw neural-predictivity score r becomes a ceiled score given the ceiling c (spec §6.6). The formula id is
 * stored with every score.
 */
public enum CeilingNormalisation {
  /** Brain-Score 2019–2025, benchmark version 2, the NeurIPS 2023 paper's: {@code (r/c)²}. */
  V2("(r/c)^2", 2),
  /** Brain-Score from January 2026, benchmark version 3: {@code r²/c}. */
  V3("r^2/c", 3);

  private final String formulaId;
  private final int benchmarkVersion;

  CeilingNormalisation(String formulaId, int benchmarkVersion) {
    this.formulaId = formulaId;
    this.benchmarkVersion = benchmarkVersion;
  }

  public String formulaId() {
    return formulaId;
  }

  public int benchmarkVersion() {
    return benchmarkVersion;
  }

  /** The ceiled score; not clipped (Brain-Score does not clip). */
  public double apply(double r, double c) {
    return switch (this) {
      case V2 -> (r / c) * (r / c);
      case V3 -> r * r / c;
    };
  }

  /** First-order propagation of the raw score's error: {@code |d score/d r|·error}. */
  public double error(double r, double c, double rawError) {
    return switch (this) {
      case V2 -> Math.abs(2 * r / (c * c)) * rawError;
      case V3 -> Math.abs(2 * r / c) * rawError;
    };
  }
}
