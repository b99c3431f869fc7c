package io.striate.problem;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sets a Content-Security-Policy on every response: scripts only from this origin's files (no inline script, no
 * {@code javascript:} URLs, no eval), no plugins, no framing, forms post only here. Whatever a hostile submitter
 * manages to get into a page (a model description, a bibtex entry) is therefore inert. Pages keep their scripts in
 * external files under {@code /static}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ContentSecurityPolicyFilter extends OncePerRequestFilter {
  static final String POLICY = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; "
      + "frame-ancestors 'none'; form-action 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'";

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setHeader("Content-Security-Policy", POLICY);
    response.setHeader("X-Content-Type-Options", "nosniff");
    chain.doFilter(request, response);
  }
}
