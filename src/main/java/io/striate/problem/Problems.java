package io.striate.problem;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds Striate's RFC 9457 problem documents: {@code type}, {@code title}, {@code status}, {@code detail}
 * plus the extension members {@code code}, {@code field} and {@code hint}. */
public final class Problems {
  private static final String TYPE_BASE = "https://striate.io/problems/";

  private Problems() {
  }

  public static ProblemDetail of(HttpStatusCode status, String code, String detail, String field, String hint,
                                 Map<String, Object> extra) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(TYPE_BASE + code));
    problem.setProperty("code", code);
    if (field != null) {
      problem.setProperty("field", field);
    }
    if (hint != null) {
      problem.setProperty("hint", hint);
    }
    extra.forEach(problem::setProperty);
    return problem;
  }

  public static ProblemDetail of(ProblemException e) {
    return of(HttpStatusCode.valueOf(e.status().code()), e.code(), e.getMessage(), e.field(), e.hint(), e.extra());
  }
}
