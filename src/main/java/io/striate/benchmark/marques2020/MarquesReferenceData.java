package io.striate.benchmark.marques2020;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The published histograms embedded in the project (Cavanaugh 2002, De Valois 1982a/b, Schiller 1976; resource
 * {@code benchmark/marques2020/histograms.tsv}, derived from {@code histograms.json}, see the README there).
 * They drive 7 of the 22 property benchmarks without any import.
 */
public final class MarquesReferenceData {
  static final String RESOURCE = "/benchmark/marques2020/histograms.tsv";

  private final Map<String, PropertyDistribution> byKey;

  private MarquesReferenceData(Map<String, PropertyDistribution> byKey) {
    this.byKey = byKey;
  }

  /** Loads the embedded histograms from the classpath. */
  public static MarquesReferenceData load() {
    Map<String, PropertyDistribution> map = new LinkedHashMap<>();
    try (InputStream in = MarquesReferenceData.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        double[] bins = Arrays.stream(f[4].split(",")).mapToDouble(Double::parseDouble).toArray();
        long[] counts = Arrays.stream(f[5].split(",")).mapToLong(Long::parseLong).toArray();
        String source = "published histogram " + f[0] + " (brain-score/vision c642dbe4, "
            + "data/marques2020/data_packaging)";
        map.put(f[0] + "/" + f[1], PropertyDistribution.fromHistogram(f[1], bins, counts,
            Integer.parseInt(f[3]), f[2], source));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new MarquesReferenceData(map);
  }

  /** The distribution of {@code property} in {@code dataset} (e.g. {@code Cavanaugh2002a}), or null. */
  public PropertyDistribution get(String dataset, String property) {
    return byKey.get(dataset + "/" + property);
  }
}
