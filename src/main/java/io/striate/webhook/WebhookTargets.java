package io.striate.webhook;

import io.striate.problem.ProblemException;
import io.striate.problem.ProblemStatus;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

/**
 * The SSRF guard of webhook URLs: only {@code http} and {@code https}, no user info, and (unless
 * {@code striate.webhooks.allow-private-targets}) no host that resolves to a loopback, private (10/8, 172.16/12,
 * 192.168/16, 100.64/10 carrier-grade NAT, fc00::/7), link-local (169.254/16 — cloud metadata — and fe80::/10),
 * unspecified (0.0.0.0/8, ::) or multicast address. Checked at registration and again before every attempt, since
 * DNS answers change. Redirects are never followed by the sender.
 */
final class WebhookTargets {
  private final boolean allowPrivate;

  WebhookTargets(boolean allowPrivate) {
    this.allowPrivate = allowPrivate;
  }

  /** @return the parsed URL; an {@link ProblemException} (400) saying why it is refused otherwise */
  URI check(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException | NullPointerException e) {
      throw refused("invalid-webhook-url", "'" + url + "' is not a URL", "Send an absolute http(s) URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw refused("invalid-webhook-url", "Webhook URLs must be http or https, not '" + scheme + "'",
          "e.g. https://ci.example.org/striate-hook");
    }
    if (uri.getHost() == null || uri.getHost().isBlank() || uri.getRawUserInfo() != null) {
      throw refused("invalid-webhook-url", "'" + url + "' has no host (or carries credentials)",
          "Send https://host[:port]/path; put secrets in the path or verify the signature instead");
    }
    if (allowPrivate) {
      return uri;
    }
    String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
        : uri.getHost();
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      throw refused("webhook-host-unresolvable", "The host '" + host + "' does not resolve",
          "Use a host name that resolves from the Striate server");
    }
    for (InetAddress a : addresses) {
      if (isPrivate(a)) {
        throw refused("webhook-target-private", "'" + host + "' resolves to " + a.getHostAddress()
                + ", a loopback, private or link-local address",
            "Use a public address; an administrator may allow private targets with "
                + "striate.webhooks.allow-private-targets=true");
      }
    }
    return uri;
  }

  static boolean isPrivate(InetAddress a) {
    if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
        || a.isMulticastAddress()) {
      return true;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first == 0 || (first == 100 && second >= 64 && second < 128) || first >= 240;
    }
    if (a instanceof Inet6Address) {
      if ((b[0] & 0xfe) == 0xfc) {
        return true; // unique local fc00::/7
      }
      boolean mapped = true; // ::ffff:a.b.c.d
      for (int i = 0; i < 10; i++) {
        mapped &= b[i] == 0;
      }
      mapped &= (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
      if (mapped) {
        try {
          return isPrivate(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
        } catch (UnknownHostException e) {
          return true;
        }
      }
    }
    return false;
  }

  private static ProblemException refused(String code, String detail, String hint) {
    return new ProblemException(ProblemStatus.BAD_REQUEST, code, detail, "/url", hint);
  }
}
