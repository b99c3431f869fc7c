package io.striate.web;

import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A request that cannot be served, rendered as an RFC 9457 problem: a stable machine-readable {@code code},
 * the offending {@code field} (a JSON pointer, a header or a parameter name) and a {@code hint} saying what to do.
 */
public class ApiException extends RuntimeException {
  private final HttpStatus status;
  private final String code;
  private final String field;
  private final String hint;
  private final Map<String, Object> extra;

  public ApiException(HttpStatus status, String code, String detail, String field, String hint) {
    this(status, code, detail, field, hint, Map.of());
  }

  public ApiException(HttpStatus status, String code, String detail, String field, String hint,
                      Map<String, Object> extra) {
    super(detail);
    this.status = status;
    this.code = code;
    this.field = field;
    this.hint = hint;
    this.extra = extra;
  }

  public static ApiException notFound(String what, Object id) {
    return new ApiException(HttpStatus.NOT_FOUND, what + "-not-found", "No " + what + " with id " + id,
        "id", "Check the id; list them with GET /api/v1/" + what + "s");
  }

  public HttpStatus status() {
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
