package io.striate.model.runtime;

import io.striate.problem.ProblemException;

/**
 * A bad activations-download request (not a bad model): stable {@code code} ({@code no-images},
 * {@code too-many-images}, {@code unknown-tap}, {@code response-too-large}), the offending field (JSON pointer) and
 * a hint. The API maps it to a 400 (413 for the size limits) ProblemDetail.
 */
public class ActivationRequestException extends ProblemException {
  public ActivationRequestException(String code, String field, String message) {
    super(code, field, message, message);
  }
}
