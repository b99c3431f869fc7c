package io.striate.web;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Formatting used by the templates as {@code @fmt}: scores to three decimals, the colour class of a cell on the
 * min→max scale of its column, dates, and links that are only ever http(s).
 */
@Component("fmt")
public class WebFormat {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  /** Three decimals, or an em dash when there is no value. */
  public String score(Double v) {
    return v == null || v.isNaN() ? "—" : fixed(v, 3);
  }

  /**
   * {@code v} with {@code decimals} digits, rounded half-up on its shortest decimal form like
   * {@code String.format("%.3f")}, without parsing a format string (a leaderboard page prints ~1,000 numbers).
   */
  public static String fixed(double v, int decimals) {
    if (!Double.isFinite(v)) {
      return Double.toString(v);
    }
    return BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
  }

  /** A plain number for plot-adjacent text (ms, bytes…). */
  public String num(Double v) {
    return v == null ? "—" : Plots.num(v);
  }

  public String bytes(Long b) {
    if (b == null) {
      return "—";
    }
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    double v = b;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
  }

  public String date(Instant t) {
    return t == null ? "—" : DAY.format(t);
  }

  /**
   * CSS class {@code c0}…{@code c10} of {@code v} on the column's [min, max] (Brain-Score's colouring: worst red,
   * best green); a column with one distinct value is coloured by the value itself on [0, 1].
   */
  public static String colour(Double v, double min, double max) {
    if (v == null) {
      return "na";
    }
    double t = max > min ? (v - min) / (max - min) : Math.max(0, Math.min(1, v));
    return "c" + Math.round(Math.max(0, Math.min(1, t)) * 10);
  }

  /** {@code url} when it is an absolute http(s) URL with a host, else null (the template then renders no link). */
  public static String safeUrl(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    try {
      URI u = new URI(url.trim());
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && u.getHost() != null ? u.toString() : null;
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }

  public String link(String url) {
    return safeUrl(url);
  }
}
