package io.striate.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a property benchmark's score details (bins, model and primate counts, per-unit values; see
 * {@code PropertyBenchmark}) into a plot and, when the model side is empty or degenerate, a plain sentence saying
 * why. The axis scale (linear or log) and units of each property come from the embedded Marques 2020 reference
 * data ({@code benchmark/marques2020/histograms.json}), the same file the benchmarks read.
 */
@Component
class PropertyEvidence {
  private static final String RESOURCE = "/benchmark/marques2020/histograms.json";
  private final Map<String, Axis> axes = new HashMap<>();
  private final String licence;

  /** A property's x axis: {@code scale} is linear, binary, log2 or log10. */
  record Axis(String scale, String units) {
    boolean log() {
      return scale.startsWith("log");
    }
  }

  /** What the model page shows for one property score: the plot, the sentence (or null) and the KS statistic. */
  record View(String svg, String sentence, Double ks, Integer unitsPassing, Integer unitsMapped) {
  }

  /** One overlaid model series for the compare page. */
  record Overlay(String label, JsonNode details) {
  }

  PropertyEvidence(JsonMapper json) {
    try (InputStream in = PropertyEvidence.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " missing");
      }
      JsonNode root = json.readTree(in);
      licence = root.path("source").path("license").asString("");
      JsonNode datasets = root.get("datasets");
      for (Map.Entry<String, JsonNode> d : datasets.properties()) {
        for (Map.Entry<String, JsonNode> p : d.getValue().path("properties").properties()) {
          String units = p.getValue().path("units").asString("");
          axes.put(d.getKey() + "/" + p.getKey(), new Axis(p.getValue().path("scale").asString("linear"),
              units.contains(":") ? units.substring(0, units.indexOf(':')) : units));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Licence of the embedded Marques 2020 reference data. */
  String licence() {
    return licence;
  }

  /** Whether {@code details} is a property benchmark's evidence (it has bins and both histograms). */
  static boolean isProperty(JsonNode details) {
    return details != null && details.has("bins") && details.has("model_counts") && details.has("data_counts");
  }

  Axis axis(JsonNode details) {
    return axes.getOrDefault(details.path("dataset").asString("") + "/" + details.path("property").asString(""),
        new Axis("linear", ""));
  }

  View view(String benchmarkTitle, JsonNode details) {
    return overlay(benchmarkTitle, List.of(new Overlay("model units", details)), details);
  }

  /** Model series (one per overlay) over the primate histogram of {@code reference}, on the reference's bins. */
  View overlay(String benchmarkTitle, List<Overlay> models, JsonNode reference) {
    double[] bins = doubles(reference.get("bins"));
    Axis axis = axis(reference);
    List<Plots.Series> series = new ArrayList<>();
    String[] classes = {"model", "model-b", "model-c", "model-d"};
    for (int i = 0; i < models.size(); i++) {
      series.add(new Plots.Series(models.get(i).label(), classes[Math.min(i, classes.length - 1)],
          doubles(models.get(i).details().get("model_counts"))));
    }
    series.add(new Plots.Series("primate neurons", "data", doubles(reference.get("data_counts"))));
    String property = reference.path("property").asString("value").replace('_', ' ');
    String xTitle = property + (axis.units().isBlank() || "unitless".equals(axis.units()) ? ""
        : " (" + axis.units() + ")");
    String svg = Plots.histogram(benchmarkTitle + ": model vs primate distribution of " + property, xTitle, bins,
        axis.log(), series);
    JsonNode ks = reference.get("ks_statistic");
    return new View(svg, models.size() == 1 ? sentence(reference, bins, axis) : null,
        ks == null || ks.isNull() ? null : ks.asDouble(), integer(reference, "units_passing_threshold"),
        integer(reference, "units_mapped"));
  }

  /** A plain sentence when the model histogram is empty or all in one bin; null when it is a real distribution. */
  static String sentence(JsonNode details, double[] bins, Axis axis) {
    double[] counts = doubles(details.get("model_counts"));
    double total = 0;
    int nonEmpty = 0;
    int only = -1;
    for (int i = 0; i < counts.length; i++) {
      total += counts[i];
      if (counts[i] > 0) {
        nonEmpty++;
        only = i;
      }
    }
    String property = details.path("property").asString("the property").replace('_', ' ');
    String units = axis.units().isBlank() || "unitless".equals(axis.units()) ? "" : " " + axis.units();
    if (total == 0) {
      Integer passing = integer(details, "units_passing_threshold");
      Integer mapped = integer(details, "units_mapped");
      if (passing != null && passing == 0) {
        return "The model side is empty: no model unit passed the response threshold"
            + (mapped == null ? "" : " (" + mapped + " units mapped, "
            + details.path("units_in_rf").asInt(0) + " with a receptive field in the stimulus window)") + ".";
      }
      List<Double> values = new ArrayList<>();
      for (JsonNode v : details.path("values")) {
        if (v.isNumber() && Double.isFinite(v.asDouble())) {
          values.add(v.asDouble());
        }
      }
      int selected = passing == null ? details.path("values").size() : passing;
      if (values.isEmpty()) {
        return "The model side is empty: no selected unit had a measurable " + property + " (it was undefined for "
            + "all " + selected + " units), so the similarity is 0.";
      }
      return String.format(Locale.ROOT, "The model side is empty: all %d measurable values of %s fell outside the "
          + "primate bins [%s, %s]%s (model range %s to %s), so the similarity is 0.", values.size(), property,
          Plots.num(bins[0]), Plots.num(bins[bins.length - 1]), units, Plots.num(min(values)),
          Plots.num(max(values)));
    }
    if (nonEmpty == 1) {
      return String.format(Locale.ROOT, "Degenerate: all %d model units fall in one bin, [%s, %s)%s.", (long) total,
          Plots.num(bins[only]), Plots.num(bins[only + 1]), units);
    }
    return null;
  }

  private static Integer integer(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || !v.isNumber() ? null : v.asInt();
  }

  static double[] doubles(JsonNode array) {
    if (array == null || !array.isArray()) {
      return new double[0];
    }
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asDouble();
    }
    return out;
  }

  private static double min(List<Double> xs) {
    return xs.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  private static double max(List<Double> xs) {
    return xs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }
}
