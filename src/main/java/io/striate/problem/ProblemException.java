package io.striate.problem;

import java.util.Map;

/**
 * The one failure type a client or administrator can act on: a {@link ProblemStatus}, a stable
 * machine-readable {@code code}, the offending {@code field} (a JSON pointer, parameter, header, file or
 * variable), a {@code hint} saying what to do and optional extension members. {@link ProblemHandler}
 * renders it as an RFC 9457 problem; feature packages subclass it with their own codes. Without a status it
 * is a 422: the input was understood but refused.
 */
public class ProblemException extends RuntimeException {
  private final ProblemStatus status;
  private final String code;
  private final String field;
  private final String hint;
  private final Map<String, Object> extra;

  public ProblemException(String code, String field, String message, String hint) {
    this(code, field, message, hint, null);
  }

  public ProblemException(String code, String field, String message, String hint, Throwable cause) {
    this(ProblemStatus.UNPROCESSABLE_ENTITY, code, message, field, hint, Map.of(), cause);
  }

  public ProblemException(ProblemStatus status, String code, String detail, String field, String hint) {
    this(status, code, detail, field, hint, Map.of());
  }

  public ProblemException(ProblemStatus status, String code, String detail, String field, String hint,
                          Map<String, Object> extra) {
    this(status, code, detail, field, hint, extra, null);
  }

  public ProblemException(ProblemStatus status, String code, String detail, String field, String hint,
                          Map<String, Object> extra, Throwable cause) {
    super(detail, cause);
    this.status = status;
    this.code = code;
    this.field = field;
    this.hint = hint;
    this.extra = extra;
  }

  /** A 404 {@code <what>-not-found} for the id of a missing resource. */
  public static ProblemException notFound(String what, Object id) {
    return new ProblemException(ProblemStatus.NOT_FOUND, what + "-not-found", "No " + what + " with id " + id,
        "id", "Check the id; list them with GET /api/v1/" + what + "s");
  }

  public ProblemStatus status() {
    return status;
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

  public Map<String, Object> extra() {
    return extra;
  }
}
