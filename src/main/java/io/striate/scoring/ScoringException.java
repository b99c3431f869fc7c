package io.striate.scoring;

/** A failure while scoring, with its {@link FailureKind}. */
public class ScoringException extends RuntimeException {
  private final FailureKind kind;

  public ScoringException(FailureKind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public ScoringException(FailureKind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public FailureKind kind() {
    return kind;
  }
}
