package io.striate.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.web.util.HtmlUtils;

/**
 * Server-rendered SVG plots for the pages: grouped histograms on shared bins (linear or log x axis), a layer-sweep
 * curve and a score distribution. Every plot has axes with ticks, axis titles with units, a legend and a
 * {@code <title>} for screen readers; no script, no inline style (colours come from CSS classes, so the
 * Content-Security-Policy needs no {@code 'unsafe-inline'}). Every text is HTML-escaped.
 */
final class Plots {
  private static final int WIDTH = 420;
  private static final int HEIGHT = 220;
  private static final int LEFT = 48;
  private static final int RIGHT = 12;
  private static final int TOP = 26;
  private static final int BOTTOM = 46;

  private Plots() {
  }

  /** One histogram series: its legend label, the CSS class of its bars and its counts per bin. */
  record Series(String label, String cssClass, double[] counts) {
  }

  /**
   * Bars of each series as the fraction of its total per bin, side by side within each bin.
   *
   * @param bins   bin edges, ascending, length K+1
   * @param log    log x axis (all edges must be positive; otherwise linear is used)
   * @param xTitle axis title with units
   */
  static String histogram(String title, String xTitle, double[] bins, boolean log, List<Series> series) {
    return histogram(title, xTitle, "fraction of cells", bins, log, series);
  }

  /** As {@link #histogram(String, String, double[], boolean, List)} with the y axis titled {@code yTitle}. */
  static String histogram(String title, String xTitle, String yTitle, double[] bins, boolean log,
                          List<Series> series) {
    boolean logAxis = log && bins[0] > 0;
    double x0 = logAxis ? Math.log10(bins[0]) : bins[0];
    double x1 = logAxis ? Math.log10(bins[bins.length - 1]) : bins[bins.length - 1];
    double top = 0;
    List<double[]> shares = new ArrayList<>();
    for (Series s : series) {
      double total = 0;
      for (double c : s.counts()) {
        total += c;
      }
      double[] share = new double[s.counts().length];
      for (int i = 0; i < share.length; i++) {
        share[i] = total > 0 ? s.counts()[i] / total : 0;
        top = Math.max(top, share[i]);
      }
      shares.add(share);
    }
    top = niceTop(top);
    StringBuilder svg = open(title);
    axes(svg, xTitle + (logAxis ? " (log scale)" : ""), yTitle, top, true);
    int n = series.size();
    for (int i = 0; i + 1 < bins.length; i++) {
      double a = px(logAxis ? Math.log10(bins[i]) : bins[i], x0, x1);
      double b = px(logAxis ? Math.log10(bins[i + 1]) : bins[i + 1], x0, x1);
      double w = (b - a) / n;
      for (int s = 0; s < n; s++) {
        double v = shares.get(s)[i];
        if (v <= 0) {
          continue;
        }
        double h = v / top * (HEIGHT - TOP - BOTTOM);
        svg.append(String.format(Locale.ROOT,
            "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>%s: %.1f%% in [%s, %s)"
                + "</title></rect>", series.get(s).cssClass(), a + s * w + 0.5, HEIGHT - BOTTOM - h,
            Math.max(0.5, w - 1), h, esc(series.get(s).label()), 100 * v, num(bins[i]), num(bins[i + 1])));
      }
    }
    xTicks(svg, bins, logAxis, x0, x1);
    legend(svg, series.stream().map(Series::label).toList(), series.stream().map(Series::cssClass).toList());
    return svg.append("</svg>").toString();
  }

  /** The layer sweep: ceiled score (± error) per candidate layer in order, the chosen layer marked. */
  static String sweep(String title, List<String> layers, List<Double> values, List<Double> errors, int chosen) {
    double top = 0;
    for (int i = 0; i < values.size(); i++) {
      double v = values.get(i) == null ? 0 : values.get(i) + (errors.get(i) == null ? 0 : errors.get(i));
      top = Math.max(top, v);
    }
    top = niceTop(top);
    StringBuilder svg = open(title);
    axes(svg, "candidate layer (model order)", "ceiled score", top, false);
    double step = (WIDTH - LEFT - RIGHT) / (double) Math.max(1, layers.size());
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < layers.size(); i++) {
      double x = LEFT + step * (i + 0.5);
      svg.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s"
          + "</text>", x, HEIGHT - BOTTOM + 14, esc(shorten(layers.get(i)))));
      Double v = values.get(i);
      if (v == null) {
        continue;
      }
      double y = py(v, top);
      path.append(path.isEmpty() ? "M" : "L").append(String.format(Locale.ROOT, "%.1f %.1f ", x, y));
      Double e = errors.get(i);
      if (e != null && e > 0) {
        svg.append(String.format(Locale.ROOT, "<line class=\"err\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>",
            x, x, py(v - e, top), py(v + e, top)));
      }
      svg.append(String.format(Locale.ROOT, "<circle class=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"%d\"><title>%s: %s"
          + "</title></circle>", i == chosen ? "pt chosen" : "pt", x, y, i == chosen ? 5 : 3, esc(layers.get(i)),
          num(v)));
    }
    if (!path.isEmpty()) {
      svg.append("<path class=\"curve\" d=\"").append(path.toString().trim()).append("\"/>");
    }
    legend(svg, List.of("ceiled score ± error", "chosen V1 layer"), List.of("pt", "pt chosen"));
    return svg.append("</svg>").toString();
  }

  /** Distribution of public models' scores on [0, 1] in ten bins. */
  static String scores(String title, List<Double> values) {
    double[] bins = new double[11];
    double[] counts = new double[10];
    for (int i = 0; i <= 10; i++) {
      bins[i] = i / 10.0;
    }
    for (double v : values) {
      counts[Math.max(0, Math.min(9, (int) Math.floor(v * 10)))]++;
    }
    return histogram(title, "ceiled score", "fraction of models", bins, false,
        List.of(new Series("public models", "model", counts)));
  }

  private static StringBuilder open(String title) {
    return new StringBuilder(String.format(Locale.ROOT, "<svg class=\"plot\" xmlns=\"http://www.w3.org/2000/svg\" "
        + "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\"><title>%s</title>", WIDTH, HEIGHT, esc(title),
        esc(title)));
  }

  private static void axes(StringBuilder svg, String xTitle, String yTitle, double top, boolean percent) {
    int bottom = HEIGHT - BOTTOM;
    svg.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>"
        + "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", LEFT, TOP, LEFT, bottom, LEFT, bottom,
        WIDTH - RIGHT, bottom));
    for (int k = 0; k <= 4; k++) {
      double v = top * k / 4;
      double y = py(v, top);
      svg.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>"
              + "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", LEFT, WIDTH - RIGHT, y, y,
          LEFT - 4, y + 3, percent ? percent(v) : num(v)));
    }
    svg.append(String.format(Locale.ROOT, "<text class=\"axis-title x-title\" x=\"%d\" y=\"%d\" "
        + "text-anchor=\"middle\">%s</text>", (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 8, esc(xTitle)));
    svg.append(String.format(Locale.ROOT, "<text class=\"axis-title y-title\" x=\"12\" y=\"%d\" "
        + "text-anchor=\"middle\" transform=\"rotate(-90 12 %d)\">%s</text>", (TOP + bottom) / 2, (TOP + bottom) / 2,
        esc(yTitle)));
  }

  private static void xTicks(StringBuilder svg, double[] bins, boolean log, double x0, double x1) {
    int every = Math.max(1, (int) Math.ceil((bins.length) / 8.0));
    for (int i = 0; i < bins.length; i += every) {
      tick(svg, bins[i], px(log ? Math.log10(bins[i]) : bins[i], x0, x1));
    }
    if ((bins.length - 1) % every != 0) {
      tick(svg, bins[bins.length - 1], px(x1, x0, x1));
    }
  }

  private static void tick(StringBuilder svg, double value, double x) {
    svg.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\"/>"
            + "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>", x, x, HEIGHT - BOTTOM,
        HEIGHT - BOTTOM + 4, x, HEIGHT - BOTTOM + 14, num(value)));
  }

  private static void legend(StringBuilder svg, List<String> labels, List<String> classes) {
    int x = LEFT + 4;
    for (int i = 0; i < labels.size(); i++) {
      svg.append(String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%d\" y=\"8\" width=\"10\" height=\"10\"/>"
          + "<text class=\"legend\" x=\"%d\" y=\"17\">%s</text>", classes.get(i), x, x + 14, esc(labels.get(i))));
      x += 24 + 6 * labels.get(i).length();
    }
  }

  private static String percent(double fraction) {
    double p = 100 * fraction;
    return (Math.abs(p - Math.rint(p)) < 1e-9 ? String.format(Locale.ROOT, "%.0f", p)
        : String.format(Locale.ROOT, "%.1f", p)) + "%";
  }

  private static double px(double v, double x0, double x1) {
    return LEFT + (v - x0) / (x1 - x0 == 0 ? 1 : x1 - x0) * (WIDTH - LEFT - RIGHT);
  }

  private static double py(double v, double top) {
    return HEIGHT - BOTTOM - Math.max(0, v) / top * (HEIGHT - TOP - BOTTOM);
  }

  private static double niceTop(double top) {
    if (top <= 0) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(top)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * magnitude >= top) {
        return m * magnitude;
      }
    }
    return 10 * magnitude;
  }

  static String num(double v) {
    double a = Math.abs(v);
    if (a == 0) {
      return "0";
    }
    if (a >= 100) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", v).replaceAll("\\.0$", "");
    }
    if (a >= 0.1) {
      return String.format(Locale.ROOT, "%.2f", v).replaceAll("0$", "").replaceAll("\\.0?$", "");
    }
    return String.format(Locale.ROOT, "%.2g", v);
  }

  private static String shorten(String s) {
    return s.length() <= 10 ? s : s.substring(0, 9) + "…";
  }

  private static String esc(String s) {
    return HtmlUtils.htmlEscape(s == null ? "" : s);
  }
}
