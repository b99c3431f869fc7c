package io.striate.web;

import io.striate.problem.ProblemException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A request that cannot be served, rendered as an RFC 9457 problem: a stable machine-readable {@code code},
 * the offending {@code field} (a JSON pointer, a header or a parameter name) and a {@code hint} saying what to do.
 */
public class ApiException extends ProblemException {
  private final HttpStatus status;
  private final Map<String, Object> extra;

  public ApiException(HttpStatus status, String code, String detail, String field, String hint) {
    this(status, code, detail, field, hint, Map.of());
  }

  public ApiException(HttpStatus status, String code, String detail, String field, String hint,
                      Map<String, Object> extra) {
    super(code, field, detail, hint);
    this.status = status;
    this.extra = extra;
  }

  public static ApiException notFound(String what, Object id) {
    return new ApiException(HttpStatus.NOT_FOUND, what + "-not-found", "No " + what + " with id " + id,
        "id", "Check the id; list them with GET /api/v1/" + what + "s");
  }

  public HttpStatus status() {
    return status;
  }

  public Map<String, Object> extra() {
    return extra;
  }
}
