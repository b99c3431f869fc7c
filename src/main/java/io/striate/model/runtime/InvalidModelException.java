package io.striate.model.runtime;

import io.striate.scoring.FailureKind;
import io.striate.scoring.ScoringException;

/**
 * A submitted model that cannot be run: {@link ModelProblem#code() code}, the offending field (a JSON pointer into
 * the submission, e.g. {@code /taps/2}, or {@code /artifact}) and a hint. It is a {@link ScoringException} of kind
 * {@link FailureKind#INVALID_MODEL}, so jobs are never retried; the API maps it to a 422 ProblemDetail.
 */
public class InvalidModelException extends ScoringException {
  private final ModelProblem problem;
  private final String field;
  private final String hint;

  public InvalidModelException(ModelProblem problem, String field, String message) {
    this(problem, field, message, problem.hint(), null);
  }

  public InvalidModelException(ModelProblem problem, String field, String message, Throwable cause) {
    this(problem, field, message, problem.hint(), cause);
  }

  public InvalidModelException(ModelProblem problem, String field, String message, String hint, Throwable cause) {
    super(FailureKind.INVALID_MODEL, message, cause);
    this.problem = problem;
    this.field = field;
    this.hint = hint;
  }

  public ModelProblem problem() {
    return problem;
  }

  /** Stable code, e.g. {@code missing-tap}. */
  public String code() {
    return problem.code();
  }

  /** JSON pointer of the offending field. */
  public String field() {
    return field;
  }

  public String hint() {
    return hint;
  }
}
