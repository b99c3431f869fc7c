package io.striate.benchmark.metrics;

/**
 * How a raw neural-predictivity score r becomes a ceiled score given the ceiling c (spec §6.6). The formula id and
 * the benchmark version are stored with every score. {@link #V3} is Brain-Score's current definition and Striate's
 * default; {@link #V2} is kept as the explicitly named variant of the 2023 paper. In both, the error of the ceiled
 * score is the raw score's error carried unchanged, as Brain-Score's {@code explained_variance} does
 * ({@code ceiled_score.attrs['error'] = score.attrs['error']}).
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

  /** The ceiled score's error: the raw error unchanged (Brain-Score copies it; it is not rescaled). */
  public double error(double r, double c, double rawError) {
    return rawError;
  }

  /** Brain-Score's current definition (FreemanZiemba2013 benchmark version 3, since January 2026). */
  public static CeilingNormalisation brainScoreCurrent() {
    return V3;
  }
}
