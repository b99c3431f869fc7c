package io.striate.submission;

import io.striate.problem.ProblemException;
import io.striate.problem.ProblemStatus;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.springframework.http.HttpStatus;

/**
 * Links a submitter gives (paper, code) end up as {@code href}s on public pages, so only absolute {@code http} and
 * {@code https} URLs with a host are accepted; {@code javascript:}, {@code data:}, {@code vbscript:}, relative and
 * scheme-relative links are refused with 422 {@code invalid-url}.
 */
final class LinkFields {
  private LinkFields() {
  }

  /** @throws ProblemException 422 {@code invalid-url} at {@code pointer} when {@code url} is present and not http(s) */
  static void requireHttp(String url, String pointer) {
    if (url == null || url.isEmpty()) {
      return;
    }
    if (!isHttp(url)) {
      throw new ProblemException(ProblemStatus.UNPROCESSABLE_ENTITY, "invalid-url", "'" + pointer.substring(1)
          + "' must be an absolute http or https URL", pointer, "e.g. https://arxiv.org/abs/2006.00000");
    }
  }

  static boolean isHttp(String url) {
    if (!url.equals(url.strip()) || url.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
      return false;
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && !uri.getHost().isEmpty();
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
