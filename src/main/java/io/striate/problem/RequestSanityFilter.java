package io.striate.problem;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The first filter of every request: refuses what no endpoint can serve before it reaches one, and turns
 * infrastructure failures that escape the later filters (the token check reads PostgreSQL) into problems.
 * <ul>
 *   <li>malformed percent-encoding in the path or the query ({@code %zz}, a lone {@code %}, invalid UTF-8):
 *       400 {@code malformed-encoding} with the parameter name (or {@code path});</li>
 *   <li>a NUL character in a query parameter or the path: 400 {@code nul-character};</li>
 *   <li>a wildcard {@code Content-Type} ({@code *}{@code /*}, {@code application/*}): 415;</li>
 *   <li>database or storage unavailable in a filter: 503 / 507 (see {@link InfrastructureFailures}).</li>
 * </ul>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestSanityFilter extends OncePerRequestFilter {
  private final JsonMapper json;

  RequestSanityFilter(JsonMapper json) {
    this.json = json;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ProblemException refused = refusal(request);
    if (refused != null) {
      write(response, refused);
      return;
    }
    try {
      chain.doFilter(request, response);
    } catch (IOException | ServletException | RuntimeException e) {
      ProblemException problem = InfrastructureFailures.classify(e);
      if (problem == null || response.isCommitted()) {
        throw e;
      }
      response.reset();
      write(response, problem);
    }
  }

  private static ProblemException refusal(HttpServletRequest request) {
    String path = request.getRequestURI();
    String decodedPath = decode(path);
    if (decodedPath == null) {
      return malformed("path", "the path");
    }
    if (decodedPath.indexOf('\0') >= 0) {
      return nul("path");
    }
    String query = request.getQueryString();
    if (query != null) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        String rawName = eq < 0 ? pair : pair.substring(0, eq);
        String name = decode(rawName.replace('+', ' '));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1).replace('+', ' '));
        String field = name == null ? rawName : name;
        if (name == null || value == null) {
          return malformed(field, "query parameter '" + field + "'");
        }
        if (name.indexOf('\0') >= 0 || value.indexOf('\0') >= 0) {
          return nul(field);
        }
      }
    }
    String contentType = request.getContentType();
    if (contentType != null && !contentType.isBlank()) {
      try {
        MediaType type = MediaType.parseMediaType(contentType);
        if (type.getParameter("charset") != null && !java.nio.charset.Charset.isSupported(
            type.getParameter("charset").replace("\"", ""))) {
          return new ProblemException(ProblemStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Content-Type '"
              + contentType + "' names an unknown charset", "Content-Type", "Send UTF-8: application/json");
        }
        if (type.isWildcardType() || type.isWildcardSubtype()) {
          return new ProblemException(ProblemStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Content-Type '"
              + contentType + "' is a wildcard; say what the body is", "Content-Type",
              "Send application/json for JSON bodies, multipart/form-data for uploads");
        }
      } catch (IllegalArgumentException e) { // InvalidMediaTypeException, illegal charset names
        return new ProblemException(ProblemStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Content-Type '"
            + contentType + "' is not a media type", "Content-Type",
            "Send application/json for JSON bodies, multipart/form-data for uploads");
      }
    }
    return null;
  }

  /** Strict percent-decoding (UTF-8), or null when the text is not well formed. */
  static String decode(String raw) {
    for (int i = raw.indexOf('%'); i >= 0; i = raw.indexOf('%', i + 1)) {
      if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0
          || Character.digit(raw.charAt(i + 2), 16) < 0) {
        return null;
      }
    }
    try {
      byte[] bytes = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.ISO_8859_1)
          .getBytes(StandardCharsets.ISO_8859_1);
      return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (IllegalArgumentException | java.nio.charset.CharacterCodingException e) {
      return null;
    }
  }

  private static ProblemException malformed(String field, String where) {
    return new ProblemException(ProblemStatus.BAD_REQUEST, "malformed-encoding", "The percent-encoding of " + where
        + " is malformed", field, "Encode reserved characters as %XX with two hex digits (UTF-8), e.g. %25 for '%'");
  }

  private static ProblemException nul(String field) {
    return new ProblemException(ProblemStatus.BAD_REQUEST, "nul-character", "'" + field + "' contains a NUL character "
        + "(U+0000)", field, "Remove NUL characters; they cannot be stored or searched");
  }

  private void write(HttpServletResponse response, ProblemException e) throws IOException {
    response.setStatus(e.status().code());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    Object retry = e.extra().get("retryAfterSeconds");
    if (retry != null) {
      response.setHeader(HttpHeaders.RETRY_AFTER, retry.toString());
    }
    json.writeValue(response.getOutputStream(), Problems.of(e));
  }

}
