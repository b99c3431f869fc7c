package io.striate.dataset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * A BrainIO stimulus-set CSV ({@link CsvTable}): one row per stimulus, a {@code stimulus_id} (or legacy
 * {@code image_id}) column, a {@code filename} column naming the image inside the zip, and any metadata columns
 * (e.g. {@code texture_type}).
 *
 * @param ids       stimulus ids in file order (or ascending, after {@link #sortedById})
 * @param filenames image file per stimulus
 * @param columns   every column by name, values in the order of {@code ids}
 */
public record StimulusSetCsv(List<String> ids, List<String> filenames, Map<String, List<String>> columns) {
  public static StimulusSetCsv read(Path csv) {
    CsvTable t = CsvTable.read(csv, "stimulus_csv");
    Map<String, List<String>> cols = new LinkedHashMap<>();
    for (int c = 0; c < t.header().size(); c++) {
      List<String> values = new ArrayList<>();
      for (List<String> row : t.rows()) {
        values.add(row.get(c));
      }
      cols.put(t.header().get(c), values);
    }
    String idCol = cols.containsKey("stimulus_id") ? "stimulus_id" : cols.containsKey("image_id") ? "image_id" : null;
    if (idCol == null) {
      throw new DatasetException(DatasetException.MISSING_VARIABLE, "stimulus_id",
          "the stimulus csv has no stimulus_id (or image_id) column", "add a stimulus_id column");
    }
    String fileCol = cols.containsKey("filename") ? "filename" : cols.containsKey("image_file_name")
        ? "image_file_name" : null;
    if (fileCol == null) {
      throw new DatasetException(DatasetException.MISSING_VARIABLE, "filename",
          "the stimulus csv has no filename column", "add a filename column naming each image in the zip");
    }
    List<String> ids = cols.get(idCol);
    Set<String> seen = new HashSet<>();
    for (String dup : ids) {
      if (!seen.add(dup)) {
        throw new DatasetException(DatasetException.STIMULUS_MISMATCH, dup, "stimulus " + dup
          + " is listed more than once in the stimulus csv", "one row per stimulus");
      }
    }
    return new StimulusSetCsv(ids, cols.get(fileCol), cols);
  }

  /**
   * The same rows in ascending stimulus-id order (Brain-Score's repetition-averaged assemblies list stimuli so),
   * so that the order of the csv's rows cannot change a score.
   */
  public StimulusSetCsv sortedById() {
    int[] order = IntStream.range(0, ids.size()).boxed().sorted(Comparator.comparing(ids::get))
        .mapToInt(Integer::intValue).toArray();
    Map<String, List<String>> cols = new LinkedHashMap<>();
    columns.forEach((name, values) -> cols.put(name, IntStream.of(order).mapToObj(values::get).toList()));
    return new StimulusSetCsv(IntStream.of(order).mapToObj(ids::get).toList(),
        IntStream.of(order).mapToObj(filenames::get).toList(), cols);
  }
}
