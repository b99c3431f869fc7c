package io.striate.dataset;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a BrainIO {@code NeuronRecordingAssembly} saved by xarray as netCDF4/HDF5 (io.jhdf): the data variable
 * ({@code __xarray_dataarray_variable__}, or the only 3-D/2-D float dataset) of shape
 * {@code presentation × neuroid × time_bin} (or {@code presentation × neuroid}), the presentation coordinates
 * {@code stimulus_id} (legacy {@code image_id}) and {@code repetition}, the neuroid coordinates {@code region} and
 * {@code neuroid_id}, and the time-bin coordinates {@code time_bin_start}/{@code time_bin_end}. Axes are identified
 * by the lengths of their coordinates.
 *
 * <p>It keeps the neuroids of one region and averages the time bins inside {@code [windowStart, windowEnd]} ms
 * (Brain-Score's FreemanZiemba2013: the 1-ms bins from 50 to 200 ms, spec §6.3), and orders the stimuli as the
 * stimulus set lists them.
 */
public final class BrainIoAssemblyReader {
  /** The name xarray gives an unnamed DataArray. */
  public static final String DATA_VARIABLE = "__xarray_dataarray_variable__";
  private static final int BLOCK_ELEMENTS = 1 << 22;
  private static final int PRESENTATION = 0;
  private static final int NEUROID = 1;
  private static final int TIME = 2;

  private BrainIoAssemblyReader() {
  }

  /**
   * @param stimulusIds the stimulus set's ids; every presentation's stimulus must be among them and every stimulus
   *                    presented
   */
  public static NeuralRecordings read(Path file, String id, String region, double windowStart, double windowEnd,
                                      List<String> stimulusIds, Map<String, List<String>> stimulusColumns) {
    try (HdfFile h = new HdfFile(file)) {
      Dataset data = dataVariable(h);
      int[] dims = data.getDimensions();
      if (dims.length != 2 && dims.length != 3) {
        throw new DatasetException(DatasetException.WRONG_DIMENSION, data.getName(), "the data variable has "
            + dims.length + " dimensions", "expected presentation × neuroid × time_bin");
      }
      String[] stim = strings(h, "stimulus_id", "image_id");
      long[] reps = longs(h, "repetition");
      String[] regions = strings(h, "region");
      String[] neuroidIds = optionalStrings(h, "neuroid_id");
      if (reps.length != stim.length) {
        throw new DatasetException(DatasetException.WRONG_DIMENSION, "repetition", "repetition has " + reps.length
            + " values, stimulus_id " + stim.length, "one repetition per presentation");
      }
      boolean[] timeKeep = null;
      int[] lengths;
      if (dims.length == 3) {
        double[] starts = doubles(h, "time_bin_start");
        double[] ends = doubles(h, "time_bin_end", "time_bin_stop");
        if (starts.length != ends.length) {
          throw new DatasetException(DatasetException.WRONG_DIMENSION, "time_bin_end", "time_bin_start has "
              + starts.length + " values, time_bin_end " + ends.length, "one start/end per bin");
        }
        timeKeep = new boolean[starts.length];
        int kept = 0;
        for (int t = 0; t < starts.length; t++) {
          timeKeep[t] = starts[t] >= windowStart && ends[t] <= windowEnd;
          kept += timeKeep[t] ? 1 : 0;
        }
        if (kept == 0) {
          throw new DatasetException(DatasetException.WRONG_DIMENSION, "time_bin_start", "no time bin lies inside "
              + windowStart + "–" + windowEnd + " ms", "check the requested time window");
        }
        lengths = new int[] {stim.length, regions.length, starts.length};
      } else {
        lengths = new int[] {stim.length, regions.length};
      }
      int[] role = axisRoles(dims, lengths);
      List<Integer> keepNeuroids = new ArrayList<>();
      for (int n = 0; n < regions.length; n++) {
        if (regions[n].equals(region)) {
          keepNeuroids.add(n);
        }
      }
      if (keepNeuroids.isEmpty()) {
        throw new DatasetException(DatasetException.MISSING_VARIABLE, "region", "no neuroid has region " + region,
            "regions present: " + java.util.Arrays.stream(regions).distinct().toList());
      }
      Map<String, Integer> index = new LinkedHashMap<>();
      for (int i = 0; i < stimulusIds.size(); i++) {
        index.put(stimulusIds.get(i), i);
      }
      int[] presStim = new int[stim.length];
      int[] presRep = new int[stim.length];
      for (int p = 0; p < stim.length; p++) {
        Integer s = index.get(stim[p]);
        if (s == null) {
          throw new DatasetException(DatasetException.STIMULUS_MISMATCH, stim[p], "presentation " + p + " shows "
              + stim[p] + ", which the stimulus set does not list", "import the matching stimulus set");
        }
        presStim[p] = s;
        presRep[p] = (int) reps[p];
      }
      // read in blocks along the stored first axis, only the kept time range (the private FZ13 assembly is ~3 GB
      // as doubles); the axes may be stored in any order (identified by their coordinate lengths)
      int tFirst = 0;
      int tCount = 1;
      if (timeKeep != null) {
        tFirst = -1;
        int tLast = -1;
        for (int t = 0; t < timeKeep.length; t++) {
          if (timeKeep[t]) {
            tFirst = tFirst < 0 ? t : tFirst;
            tLast = t;
          }
        }
        tCount = tLast - tFirst + 1;
      }
      int[] neuroidColumn = new int[regions.length];
      java.util.Arrays.fill(neuroidColumn, -1);
      for (int k = 0; k < keepNeuroids.size(); k++) {
        neuroidColumn[keepNeuroids.get(k)] = k;
      }
      double[][] responses = new double[stim.length][keepNeuroids.size()];
      int rank = dims.length;
      int lo = role[0] == TIME ? tFirst : 0;
      int hi = role[0] == TIME ? tFirst + tCount : dims[0];
      long perRow = product(dims, 1, tCount, role);
      int block = (int) Math.max(1, BLOCK_ELEMENTS / Math.max(1, perRow));
      int[] at = new int[3];
      for (int b0 = lo; b0 < hi; b0 += block) {
        int rows = Math.min(block, hi - b0);
        long[] offset = new long[rank];
        int[] shape = new int[rank];
        for (int a = 0; a < rank; a++) {
          offset[a] = a == 0 ? b0 : role[a] == TIME ? tFirst : 0;
          shape[a] = a == 0 ? rows : role[a] == TIME ? tCount : dims[a];
        }
        Object raw = data.getData(offset, shape);
        for (int i0 = 0; i0 < shape[0]; i0++) {
          Object r1 = Array.get(raw, i0);
          at[role[0]] = (int) offset[0] + i0;
          for (int i1 = 0; i1 < shape[1]; i1++) {
            at[role[1]] = (int) offset[1] + i1;
            if (rank == 2) {
              add(responses, neuroidColumn, at, r1, i1, null);
              continue;
            }
            Object r2 = Array.get(r1, i1);
            for (int i2 = 0; i2 < shape[2]; i2++) {
              at[role[2]] = (int) offset[2] + i2;
              add(responses, neuroidColumn, at, r2, i2, timeKeep);
            }
          }
        }
      }
      if (timeKeep != null) {
        int kept = 0;
        for (boolean k : timeKeep) {
          kept += k ? 1 : 0;
        }
        for (double[] r : responses) {
          for (int k = 0; k < r.length; k++) {
            r[k] /= kept;
          }
        }
      }
      List<String> nIds = new ArrayList<>();
      for (int n : keepNeuroids) {
        nIds.add(neuroidIds != null ? neuroidIds[n] : Integer.toString(n));
      }
      try {
        return new NeuralRecordings(id, region, (long) windowStart + "-" + (long) windowEnd, stimulusIds,
            stimulusColumns, nIds, presStim, presRep, responses);
      } catch (IllegalArgumentException e) {
        throw new DatasetException(DatasetException.STIMULUS_MISMATCH, "stimulus_id", e.getMessage(),
            "every stimulus of the stimulus set must be presented at least once");
      }
    } catch (DatasetException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new DatasetException(DatasetException.UNREADABLE, file.getFileName().toString(),
          "not a readable netCDF4/HDF5 assembly: " + e.getMessage(), "save the assembly with xarray's to_netcdf", e);
    }
  }

  /** Which logical axis (presentation, neuroid, time) each stored axis is, by length; canonical order first. */
  static int[] axisRoles(int[] dims, int[] lengths) {
    int[][] orders = dims.length == 2 ? new int[][] {{0, 1}, {1, 0}}
        : new int[][] {{0, 1, 2}, {1, 0, 2}, {0, 2, 1}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
    for (int[] o : orders) {
      boolean ok = true;
      for (int a = 0; a < dims.length; a++) {
        ok &= dims[a] == lengths[o[a]];
      }
      if (ok) {
        return o;
      }
    }
    throw new DatasetException(DatasetException.WRONG_DIMENSION, DATA_VARIABLE, "the data variable has shape "
        + java.util.Arrays.toString(dims) + " but the coordinates give presentation " + lengths[0] + ", neuroid "
        + lengths[1] + (lengths.length > 2 ? ", time_bin " + lengths[2] : ""),
        "the data's axes must match the lengths of stimulus_id, region and time_bin_start");
  }

  private static long product(int[] dims, int from, int tCount, int[] role) {
    long p = 1;
    for (int a = from; a < dims.length; a++) {
      p *= role[a] == TIME ? tCount : dims[a];
    }
    return p;
  }

  private static void add(double[][] responses, int[] neuroidColumn, int[] at, Object array, int i,
                          boolean[] timeKeep) {
    int col = neuroidColumn[at[NEUROID]];
    if (col < 0 || (timeKeep != null && !timeKeep[at[TIME]])) {
      return;
    }
    double v = array instanceof double[] d ? d[i] : array instanceof float[] f ? f[i]
        : ((Number) Array.get(array, i)).doubleValue();
    responses[at[PRESENTATION]][col] += v;
  }

  private static Dataset dataVariable(HdfFile h) {
    Node n = h.getChildren().get(DATA_VARIABLE);
    if (n instanceof Dataset d) {
      return d;
    }
    for (Node c : h.getChildren().values()) {
      if (c instanceof Dataset d && d.getDimensions().length >= 2 && !d.getName().startsWith("_")) {
        return d;
      }
    }
    throw new DatasetException(DatasetException.MISSING_VARIABLE, DATA_VARIABLE, "no data variable (a 2-D or 3-D"
        + " array) in the file", "save a DataArray presentation × neuroid × time_bin with to_netcdf");
  }

  private static Dataset find(HdfFile h, String... names) {
    for (String name : names) {
      Node n = h.getChildren().get(name);
      if (n instanceof Dataset d) {
        return d;
      }
    }
    return null;
  }

  private static Dataset require(HdfFile h, String... names) {
    Dataset d = find(h, names);
    if (d == null) {
      throw new DatasetException(DatasetException.MISSING_VARIABLE, names[0], "the assembly has no '" + names[0]
          + "' coordinate", "BrainIO assemblies carry " + names[0] + " as a coordinate variable");
    }
    return d;
  }

  static String[] strings(HdfFile h, String... names) {
    Object v = require(h, names).getData();
    if (v instanceof String[] s) {
      return s;
    }
    int n = Array.getLength(v);
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      out[i] = String.valueOf(Array.get(v, i));
    }
    return out;
  }

  static String[] optionalStrings(HdfFile h, String name) {
    return find(h, name) == null ? null : strings(h, name);
  }

  static long[] longs(HdfFile h, String... names) {
    Object v = require(h, names).getData();
    int n = Array.getLength(v);
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      Object x = Array.get(v, i);
      out[i] = x instanceof Number num ? num.longValue() : Long.parseLong(String.valueOf(x));
    }
    return out;
  }

  static double[] doubles(HdfFile h, String... names) {
    Object v = require(h, names).getData();
    int n = Array.getLength(v);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = ((Number) Array.get(v, i)).doubleValue();
    }
    return out;
  }
}
