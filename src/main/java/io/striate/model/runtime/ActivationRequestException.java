package io.striate.model.runtime;

/**
 * A bad activations-download request (not a bad model): stable {@code code} ({@code no-images},
 * {@code too-many-images}, {@code unknown-tap}, {@code response-too-large}), the offending field (JSON pointer) and
 * a hint. The API maps it to a 400 (413 for the size limits) ProblemDetail.
 */
public class ActivationRequestException extends RuntimeException {
  private final String code;
  private final String field;

  public ActivationRequestException(String code, String field, String message) {
    super(message);
    this.code = code;
    this.field = field;
  }

  public String code() {
    return code;
  }

  public String field() {
    return field;
  }

  public String hint() {
    return getMessage();
  }
}
