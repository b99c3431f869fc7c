package io.striate.problem;

/**
 * How a {@link ProblemException} is answered: the status of the RFC 9457 document the
 * {@link ProblemHandler} renders. The names follow the HTTP status names so that code below the web
 * layer can say "not found" or "conflict" without depending on Spring's web types.
 */
public enum ProblemStatus {
  BAD_REQUEST(400),
  UNAUTHORIZED(401),
  FORBIDDEN(403),
  NOT_FOUND(404),
  CONFLICT(409),
  CONTENT_TOO_LARGE(413),
  NOT_ACCEPTABLE(406),
  UNSUPPORTED_MEDIA_TYPE(415),
  UNPROCESSABLE_ENTITY(422),
  TOO_MANY_REQUESTS(429),
  INTERNAL_SERVER_ERROR(500),
  SERVICE_UNAVAILABLE(503),
  INSUFFICIENT_STORAGE(507);

  private final int code;

  ProblemStatus(int code) {
    this.code = code;
  }

  /** The numeric HTTP status. */
  public int code() {
    return code;
  }
}
