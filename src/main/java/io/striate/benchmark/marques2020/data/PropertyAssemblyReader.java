package io.striate.benchmark.marques2020.data;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a BrainIO PropertyAssembly written by xarray to netCDF4 (HDF5) with the pure-Java jhdf library: the data
 * variable {@code __xarray_dataarray_variable__} (or the only 2-D numeric dataset), the string coordinate
 * {@code neuronal_property} and the {@code <property>_bins} attributes of the variable (or of the file).
 */
public final class PropertyAssemblyReader {
  static final String DATA_VARIABLE = "__xarray_dataarray_variable__";
  static final String PROPERTY_COORD = "neuronal_property";

  private PropertyAssemblyReader() {
  }

  public static PropertyAssembly read(String identifier, String sha1, Path file) {
    try (HdfFile hdf = new HdfFile(file)) {
      Dataset data = dataVariable(hdf);
      Node coord = hdf.getChildren().get(PROPERTY_COORD);
      if (!(coord instanceof Dataset names)) {
        throw unreadable(file, "no '" + PROPERTY_COORD + "' coordinate");
      }
      List<String> properties = Arrays.stream(strings(names.getData())).toList();
      int[] dims = data.getDimensions();
      double[][] raw = matrix(data.getData());
      double[][] values;
      if (dims[1] == properties.size()) {
        values = raw;
      } else if (dims[0] == properties.size()) {
        values = transpose(raw);
      } else {
        throw unreadable(file, "data shape " + Arrays.toString(dims) + " does not match " + properties.size()
            + " properties");
      }
      Map<String, double[]> bins = new HashMap<>();
      for (String p : properties) {
        Attribute a = data.getAttribute(p + "_bins");
        if (a == null) {
          a = hdf.getAttribute(p + "_bins");
        }
        if (a != null) {
          bins.put(p, vector(a.getData()));
        }
      }
      return new PropertyAssembly(identifier, sha1, properties, values, bins);
    } catch (MarquesDataException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new MarquesDataException(MarquesDataException.UNREADABLE, "file", "cannot read " + file.getFileName()
          + " as a netCDF4 PropertyAssembly: " + e.getMessage(), "use the .nc file Brain-Score published", e);
    }
  }

  private static Dataset dataVariable(HdfFile hdf) {
    Node named = hdf.getChildren().get(DATA_VARIABLE);
    if (named instanceof Dataset d) {
      return d;
    }
    for (Node n : hdf.getChildren().values()) {
      if (n instanceof Dataset d && d.getDimensions().length == 2 && !d.isVariableLength()) {
        return d;
      }
    }
    throw unreadable(Path.of(hdf.getFile().getName()), "no 2-D data variable");
  }

  private static MarquesDataException unreadable(Path file, String why) {
    return new MarquesDataException(MarquesDataException.UNREADABLE, "file", file.getFileName() + ": " + why,
        "use the .nc file Brain-Score published");
  }

  private static String[] strings(Object data) {
    int n = Array.getLength(data);
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      out[i] = String.valueOf(Array.get(data, i));
    }
    return out;
  }

  static double[] vector(Object data) {
    if (!data.getClass().isArray()) {
      return new double[] {((Number) data).doubleValue()};
    }
    int n = Array.getLength(data);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = ((Number) Array.get(data, i)).doubleValue();
    }
    return out;
  }

  private static double[][] matrix(Object data) {
    int rows = Array.getLength(data);
    double[][] out = new double[rows][];
    for (int i = 0; i < rows; i++) {
      out[i] = vector(Array.get(data, i));
    }
    return out;
  }

  private static double[][] transpose(double[][] m) {
    double[][] t = new double[m[0].length][m.length];
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m[0].length; j++) {
        t[j][i] = m[i][j];
      }
    }
    return t;
  }
}
