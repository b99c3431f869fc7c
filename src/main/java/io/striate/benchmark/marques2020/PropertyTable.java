package io.striate.benchmark.marques2020;

import java.util.Map;

/**
 * Model-side property values of the units that passed an experiment's response threshold (one row per unit).
 *
 * @param units   flat layer unit indices (see {@link io.striate.model.LayerShape}) of the rows
 * @param columns property name → value per row (NaN allowed)
 */
public record PropertyTable(int[] units, Map<String, double[]> columns) {
  public PropertyTable {
    columns = Map.copyOf(columns);
  }

  /** Values of {@code property}; throws when the experiment does not produce it. */
  public double[] column(String property) {
    double[] v = columns.get(property);
    if (v == null) {
      throw new IllegalArgumentException("no property " + property);
    }
    return v;
  }
}
