package io.striate.benchmark.marques2020.data;

import io.jhdf.api.Dataset;
import io.striate.dataset.DatasetException;
import io.striate.dataset.NetcdfFile;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a BrainIO PropertyAssembly written by xarray to netCDF4 (HDF5) with the dataset importers' one reader
 * ({@link NetcdfFile}, any storage: contiguous or Brain-Score's compressed {@code write_netcdf}): the data variable
 * ({@code __xarray_dataarray_variable__}, {@code data}, or the only 2-D numeric dataset), the string coordinate
 * {@code neuronal_property} and the {@code <property>_bins} attributes of the variable (or of the file).
 */
public final class PropertyAssemblyReader {
  static final String PROPERTY_COORD = "neuronal_property";

  private PropertyAssemblyReader() {
  }

  public static PropertyAssembly read(String identifier, String sha1, Path file) {
    try (NetcdfFile nc = NetcdfFile.open(file)) {
      Dataset data = nc.dataVariable(2);
      Dataset names = nc.variable(PROPERTY_COORD).orElseThrow(() -> unreadable(file, "no '" + PROPERTY_COORD
          + "' coordinate"));
      List<String> properties = Arrays.stream(NetcdfFile.strings(names)).toList();
      int[] dims = data.getDimensions();
      double[][] raw = NetcdfFile.matrix(data);
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
        nc.numericAttribute(data, p + "_bins").ifPresent(b -> bins.put(p, b));
      }
      return new PropertyAssembly(identifier, sha1, properties, values, bins);
    } catch (MarquesDataException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new MarquesDataException(MarquesDataException.UNREADABLE, "file", "cannot read " + file.getFileName()
          + " as a netCDF4 PropertyAssembly: " + e.getMessage(), "use the .nc file Brain-Score published", e);
    }
  }

  private static MarquesDataException unreadable(Path file, String why) {
    return new MarquesDataException(MarquesDataException.UNREADABLE, "file", file.getFileName() + ": " + why,
        "use the .nc file Brain-Score published");
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
