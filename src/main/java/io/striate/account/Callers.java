package io.striate.account;

import io.striate.problem.ProblemStatus;
import io.striate.problem.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/** Access to the authenticated {@link Caller} of the current request. */
public final class Callers {
  private Callers() {
  }

  public static Optional<Caller> current(HttpServletRequest request) {
    return Optional.ofNullable((Caller) request.getAttribute(AuthenticationFilter.CALLER));
  }

  /** The caller, who must hold {@code scope}: 401 without a token, 403 without the scope. */
  public static Caller require(HttpServletRequest request, Scope scope) {
    Caller caller = current(request).orElseThrow(() -> new ProblemException(ProblemStatus.UNAUTHORIZED, "missing-token",
        "This request changes data and needs a token", "Authorization",
        "Send 'Authorization: Bearer stk_…'; an administrator creates tokens with POST /api/v1/tokens"));
    if (!caller.has(scope)) {
      throw new ProblemException(ProblemStatus.FORBIDDEN, "insufficient-scope", "The token lacks scope '" + scope.id()
          + "'", "Authorization", "Use a token with scope '" + scope.id() + "'");
    }
    return caller;
  }
}
