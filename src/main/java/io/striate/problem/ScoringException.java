package io.striate.problem;

import java.util.Map;

/**
 * A failure while scoring, with its {@link FailureKind} (which decides whether the job is retried). It is a
 * {@link ProblemException} with the kind's code: a 422 for {@link FailureKind#INVALID_MODEL}, a 500 otherwise.
 */
public class ScoringException extends ProblemException {
  private final FailureKind kind;

  public ScoringException(FailureKind kind, String message) {
    this(kind, message, null);
  }

  public ScoringException(FailureKind kind, String message, Throwable cause) {
    this(kind, kind.code(), null, message, null, cause);
  }

  /** For subclasses with their own code, field and hint (e.g. an invalid model's {@code missing-tap}). */
  protected ScoringException(FailureKind kind, String code, String field, String message, String hint,
                             Throwable cause) {
    super(kind == FailureKind.INVALID_MODEL ? ProblemStatus.UNPROCESSABLE_ENTITY
        : ProblemStatus.INTERNAL_SERVER_ERROR, code, message, field, hint, Map.of(), cause);
    this.kind = kind;
  }

  public FailureKind kind() {
    return kind;
  }
}
