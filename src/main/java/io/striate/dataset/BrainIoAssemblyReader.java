package io.striate.dataset;

import io.jhdf.api.Dataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a BrainIO {@code NeuronRecordingAssembly} saved by xarray as netCDF4/HDF5 ({@link NetcdfFile}): the data
 * variable ({@code __xarray_dataarray_variable__}, or {@code data} as Brain-Score's compressed {@code write_netcdf}
 * names it, or the only 2-D/3-D dataset) of shape {@code presentation × neuroid × time_bin} (or
 * {@code presentation × neuroid}), the presentation coordinates {@code stimulus_id} (legacy {@code image_id}) and
 * {@code repetition}, the neuroid coordinates {@code region} and {@code neuroid_id}, and the time-bin coordinates
 * {@code time_bin_start}/{@code time_bin_end}. Axes are identified by the lengths of their coordinates; any storage
 * (contiguous, chunked, zlib/shuffle) is read and the read is verified ({@link NetcdfFile#readBlocks}).
 *
 * <p>It keeps the neuroids of one region and averages the time bins inside {@code [windowStart, windowEnd]} ms
 * (Brain-Score's FreemanZiemba2013: the 1-ms bins from 50 to 200 ms, spec §6.3), and orders the stimuli as the
 * stimulus set lists them.
 */
public final class BrainIoAssemblyReader {
  /** The name xarray gives an unnamed DataArray. */
  public static final String DATA_VARIABLE = NetcdfFile.XARRAY_VARIABLE;
  private static final int PRESENTATION = 0;
  private static final int NEUROID = 1;
  private static final int TIME = 2;

  private BrainIoAssemblyReader() {
  }

  /** The recordings and how the data variable was read. */
  public record Result(NeuralRecordings recordings, NetcdfFile.ReadCheck check) {
  }

  /**
   * @param stimulusIds the stimulus set's ids; every presentation's stimulus must be among them and every stimulus
   *                    presented
   */
  public static NeuralRecordings read(Path file, String id, String region, double windowStart, double windowEnd,
                                      List<String> stimulusIds, Map<String, List<String>> stimulusColumns) {
    return readChecked(file, id, region, windowStart, windowEnd, stimulusIds, stimulusColumns).recordings();
  }

  /** {@link #read} with the element count, checksum and storage of the data variable. */
  public static Result readChecked(Path file, String id, String region, double windowStart, double windowEnd,
                                   List<String> stimulusIds, Map<String, List<String>> stimulusColumns) {
    try (NetcdfFile nc = NetcdfFile.open(file)) {
      Dataset data = nc.dataVariable(2);
      int[] dims = data.getDimensions();
      if (dims.length != 2 && dims.length != 3) {
        throw new DatasetException(DatasetException.WRONG_DIMENSION, data.getName(), "the data variable has "
            + dims.length + " dimensions", "expected presentation × neuroid × time_bin");
      }
      String[] stim = NetcdfFile.strings(nc.require("stimulus_id", "image_id"));
      long[] reps = NetcdfFile.longs(nc.require("repetition"));
      String[] regions = NetcdfFile.strings(nc.require("region"));
      String[] neuroidIds = nc.variable("neuroid_id").map(NetcdfFile::strings).orElse(null);
      if (reps.length != stim.length) {
        throw new DatasetException(DatasetException.WRONG_DIMENSION, "repetition", "repetition has " + reps.length
            + " values, stimulus_id " + stim.length, "one repetition per presentation");
      }
      boolean[] timeKeep = null;
      int kept = 1;
      int[] lengths;
      if (dims.length == 3) {
        double[] starts = NetcdfFile.doubles(nc.require("time_bin_start"));
        double[] ends = NetcdfFile.doubles(nc.require("time_bin_end", "time_bin_stop"));
        if (starts.length != ends.length) {
          throw new DatasetException(DatasetException.WRONG_DIMENSION, "time_bin_end", "time_bin_start has "
              + starts.length + " values, time_bin_end " + ends.length, "one start/end per bin");
        }
        timeKeep = new boolean[starts.length];
        kept = 0;
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
            "regions present: " + Arrays.stream(regions).distinct().toList());
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
      int[] neuroidColumn = new int[regions.length];
      Arrays.fill(neuroidColumn, -1);
      for (int k = 0; k < keepNeuroids.size(); k++) {
        neuroidColumn[keepNeuroids.get(k)] = k;
      }
      double[][] responses = new double[stim.length][keepNeuroids.size()];
      boolean[] keepTime = timeKeep;
      int rank = dims.length;
      NetcdfFile.ReadCheck check = NetcdfFile.readBlocks(data, (firstRow, rows, values) -> {
        int[] at = new int[3];
        int n1 = dims[1];
        int n2 = rank == 3 ? dims[2] : 1;
        int i = 0;
        for (int r = 0; r < rows; r++) {
          at[role[0]] = firstRow + r;
          for (int i1 = 0; i1 < n1; i1++) {
            at[role[1]] = i1;
            for (int i2 = 0; i2 < n2; i2++, i++) {
              if (rank == 3) {
                at[role[2]] = i2;
              }
              int col = neuroidColumn[at[NEUROID]];
              if (col >= 0 && (keepTime == null || keepTime[at[TIME]])) {
                responses[at[PRESENTATION]][col] += values[i];
              }
            }
          }
        }
      });
      for (double[] r : responses) {
        for (int k = 0; k < r.length; k++) {
          r[k] /= kept;
        }
      }
      List<String> nIds = new ArrayList<>();
      for (int n : keepNeuroids) {
        nIds.add(neuroidIds != null ? neuroidIds[n] : Integer.toString(n));
      }
      try {
        return new Result(new NeuralRecordings(id, region, (long) windowStart + "-" + (long) windowEnd, stimulusIds,
            stimulusColumns, nIds, presStim, presRep, responses), check);
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
        + Arrays.toString(dims) + " but the coordinates give presentation " + lengths[0] + ", neuroid "
        + lengths[1] + (lengths.length > 2 ? ", time_bin " + lengths[2] : ""),
        "the data's axes must match the lengths of stimulus_id, region and time_bin_start");
  }
}
