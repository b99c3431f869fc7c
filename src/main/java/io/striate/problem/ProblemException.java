package io.striate.problem;

/**
 * A failure a client or administrator can act on: a stable machine-readable {@code code}, the offending
 * {@code field} (a JSON pointer, parameter, header, file or variable) and a {@code hint} saying what to do.
 * The REST layer renders it as an RFC 9457 problem ({@code io.striate.web.Problems}); feature packages subclass it
 * with their own codes.
 */
public class ProblemException extends RuntimeException {
  private final String code;
  private final String field;
  private final String hint;

  public ProblemException(String code, String field, String message, String hint) {
    this(code, field, message, hint, null);
  }

  public ProblemException(String code, String field, String message, String hint, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.field = field;
    this.hint = hint;
  }

  public String code() {
    return code;
  }

  public String field() {
    return field;
  }

  public String hint() {
    return hint;
  }
}
