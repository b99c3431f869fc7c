package io.striate.dataset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Striate's open format for labs that do not use BrainIO (docs/datasets.md): a stimulus csv and zip as for BrainIO
 * plus {@code responses.csv} with one row per presentation: columns {@code stimulus_id}, {@code repetition}, then one
 * column per neuroid (its header is the neuroid id) holding the response already averaged over the lab's time
 * window (e.g. spikes/s).
 */
public final class OpenFormatReader {
  private OpenFormatReader() {
  }

  public static NeuralRecordings read(Path responsesCsv, String id, String region, List<String> stimulusIds,
                                      Map<String, List<String>> stimulusColumns) {
    CsvTable t = CsvTable.read(responsesCsv, "responses");
    List<String> header = t.header();
    if (header.size() < 3 || !header.get(0).equals("stimulus_id") || !header.get(1).equals("repetition")) {
      throw new DatasetException(DatasetException.MISSING_VARIABLE, header.isEmpty() ? "stimulus_id"
          : !header.get(0).equals("stimulus_id") ? "stimulus_id" : "repetition",
          "responses.csv must start with the columns stimulus_id,repetition followed by neuroid columns",
          "header: stimulus_id,repetition,<neuroid ids...>");
    }
    Map<String, Integer> index = new LinkedHashMap<>();
    for (int i = 0; i < stimulusIds.size(); i++) {
      index.put(stimulusIds.get(i), i);
    }
    List<String> neuroids = header.subList(2, header.size());
    List<double[]> rows = new ArrayList<>();
    List<Integer> stim = new ArrayList<>();
    List<Integer> reps = new ArrayList<>();
    for (int l = 0; l < t.rows().size(); l++) {
      List<String> cells = t.rows().get(l);
      String where = "line " + t.lines().get(l);
      Integer s = index.get(cells.get(0));
      if (s == null) {
        throw new DatasetException(DatasetException.STIMULUS_MISMATCH, cells.get(0), where
            + " names stimulus " + cells.get(0) + ", which the stimulus csv does not list",
            "use the stimulus ids of the stimulus csv");
      }
      double[] v = new double[neuroids.size()];
      try {
        for (int j = 0; j < v.length; j++) {
          v[j] = Double.parseDouble(cells.get(j + 2));
        }
        reps.add(Integer.parseInt(cells.get(1)));
      } catch (NumberFormatException e) {
        throw new DatasetException(DatasetException.UNREADABLE, where, where
            + " holds a value that is not a number: " + e.getMessage(), "integer repetition, decimal responses");
      }
      stim.add(s);
      rows.add(v);
    }
    try {
      return new NeuralRecordings(id, region, "as-recorded", stimulusIds, stimulusColumns, neuroids,
          stim.stream().mapToInt(Integer::intValue).toArray(), reps.stream().mapToInt(Integer::intValue).toArray(),
          rows.toArray(new double[0][]));
    } catch (IllegalArgumentException e) {
      throw new DatasetException(DatasetException.STIMULUS_MISMATCH, "stimulus_id", e.getMessage(),
          "every stimulus of the stimulus csv needs at least one presentation");
    }
  }
}
