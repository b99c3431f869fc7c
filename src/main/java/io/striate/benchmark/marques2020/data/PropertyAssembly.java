package io.striate.benchmark.marques2020.data;

import io.striate.benchmark.marques2020.PropertyDistribution;
import java.util.List;
import java.util.Map;

/**
 * A BrainIO PropertyAssembly: {@code neuroid × neuronal_property} values plus the {@code <property>_bins}
 * attributes (Brain-Score's {@code shapley.Ringach2002}, {@code movshon.FreemanZiemba2013_V1_properties}).
 *
 * @param identifier Brain-Score's identifier
 * @param sha1       sha1 of the netCDF file
 * @param properties property names, column order of {@code values}
 * @param values     {@code [neuroid][property]}, NaN allowed
 * @param bins       property → bin edges
 */
public record PropertyAssembly(String identifier, String sha1, List<String> properties, double[][] values,
                               Map<String, double[]> bins) {
  public PropertyAssembly {
    properties = List.copyOf(properties);
    bins = Map.copyOf(bins);
  }

  /** The column of {@code property} with its bins, as the reference of a benchmark. */
  public PropertyDistribution distribution(String property) {
    int k = properties.indexOf(property);
    double[] edges = bins.get(property);
    if (k < 0 || edges == null) {
      throw new MarquesDataException(MarquesDataException.UNREADABLE, property,
          identifier + " has no property " + property + " with bins",
          "import the assembly Brain-Score published for " + identifier);
    }
    double[] column = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      column[i] = values[i][k];
    }
    return new PropertyDistribution(property, edges, column, identifier + " (sha1 " + sha1 + ")");
  }
}
