package io.striate.problem;

/** Why a job failed; decides whether it is retried. */
public enum FailureKind {
  /** The model itself is broken (bad archive, wrong outputs). Never retried. */
  INVALID_MODEL("invalid-model", false),
  /** A passing problem (I/O, lost lease). Retried with backoff. */
  TRANSIENT("transient", true),
  /** Out of memory or time. Retried once the limit allows. */
  RESOURCE_EXHAUSTED("resource-exhausted", true),
  /** A bug in Striate. Not retried. */
  INTERNAL("internal", false);

  private final String code;
  private final boolean retryable;

  FailureKind(String code, boolean retryable) {
    this.code = code;
    this.retryable = retryable;
  }

  public String code() {
    return code;
  }

  public boolean retryable() {
    return retryable;
  }
}
