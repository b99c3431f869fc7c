package io.striate.account;

import io.striate.config.StriateProperties;
import io.striate.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code Authorization: Bearer <token>} on API requests, rejects unknown or revoked tokens (401),
 * applies the per-token rate limit (429) and leaves the {@link Caller} as a request attribute.
 * Requests without a token pass as anonymous: reads of public data need none, writes ask for a {@link Caller}.
 */
@Component
class AuthenticationFilter extends OncePerRequestFilter {
  static final String CALLER = AuthenticationFilter.class.getName() + ".caller";
  private final TokenService tokens;
  private final RateLimiter limiter;
  private final JsonMapper json;

  AuthenticationFilter(TokenService tokens, StriateProperties properties, JsonMapper json) {
    this.tokens = tokens;
    this.limiter = new RateLimiter(properties.limits().requestsPerMinute());
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header != null) {
      if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        reject(response, HttpStatus.UNAUTHORIZED, "invalid-token", "The Authorization header is not a bearer token",
            "Send 'Authorization: Bearer stk_…'", 0);
        return;
      }
      var caller = tokens.authenticate(header.substring(7).trim());
      if (caller.isEmpty()) {
        reject(response, HttpStatus.UNAUTHORIZED, "invalid-token", "The token is unknown or revoked",
            "Create a token with POST /api/v1/tokens (ask an administrator)", 0);
        return;
      }
      long wait = limiter.acquire(caller.get().tokenId(), System.nanoTime());
      if (wait > 0) {
        reject(response, HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests for this token",
            "Retry after " + wait + " s; the limit is striate.limits.requests-per-minute", wait);
        return;
      }
      request.setAttribute(CALLER, caller.get());
    }
    chain.doFilter(request, response);
  }

  private void reject(HttpServletResponse response, HttpStatus status, String code, String detail, String hint,
                      long retryAfter) throws IOException {
    ProblemDetail problem = Problems.of(status, code, detail, "Authorization", hint, Map.of());
    response.setStatus(status.value());
    response.setContentType("application/problem+json");
    if (retryAfter > 0) {
      response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
    }
    if (status == HttpStatus.UNAUTHORIZED) {
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
    json.writeValue(response.getOutputStream(), problem);
  }
}
