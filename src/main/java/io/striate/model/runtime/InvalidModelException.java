package io.striate.model.runtime;

import io.striate.problem.FailureKind;
import io.striate.problem.ScoringException;

/**
 * A submitted model that cannot be run: {@link ModelProblem#code() code}, the offending field (a JSON pointer into
 * the submission, e.g. {@code /taps/2}, or {@code /artifact}) and a hint. It is a {@link ScoringException} of kind
 * {@link FailureKind#INVALID_MODEL}, so jobs are never retried; the API renders it as a 422 ProblemDetail with the
 * problem's code (e.g. {@code missing-tap}).
 */
public class InvalidModelException extends ScoringException {
  private final ModelProblem problem;

  public InvalidModelException(ModelProblem problem, String field, String message) {
    this(problem, field, message, problem.hint(), null);
  }

  public InvalidModelException(ModelProblem problem, String field, String message, Throwable cause) {
    this(problem, field, message, problem.hint(), cause);
  }

  public InvalidModelException(ModelProblem problem, String field, String message, String hint, Throwable cause) {
    super(FailureKind.INVALID_MODEL, problem.code(), field, message, hint, cause);
    this.problem = problem;
  }

  public ModelProblem problem() {
    return problem;
  }
}
