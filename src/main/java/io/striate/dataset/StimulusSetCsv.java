package io.striate.dataset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A BrainIO stimulus-set CSV: one row per stimulus, a {@code stimulus_id} (or legacy {@code image_id}) column, a
 * {@code filename} column naming the image inside the zip, and any metadata columns (e.g. {@code texture_type}).
 * Plain comma-separated values with optional double quotes.
 *
 * @param ids       stimulus ids in file order
 * @param filenames image file per stimulus
 * @param columns   every column by name, values in file order
 */
public record StimulusSetCsv(List<String> ids, List<String> filenames, Map<String, List<String>> columns) {
  public static StimulusSetCsv read(Path csv) {
    List<String> lines;
    try {
      lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new DatasetException(DatasetException.UNREADABLE, csv.getFileName().toString(),
          "cannot read the stimulus csv: " + e.getMessage(), "upload a UTF-8 csv", e);
    }
    if (lines.isEmpty()) {
      throw new DatasetException(DatasetException.MISSING_VARIABLE, "stimulus_id", "the stimulus csv is empty",
          "the first line names the columns: stimulus_id,filename,...");
    }
    List<String> header = split(lines.get(0));
    Map<String, List<String>> cols = new LinkedHashMap<>();
    for (String h : header) {
      cols.put(h, new ArrayList<>());
    }
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      List<String> cells = split(lines.get(i));
      if (cells.size() != header.size()) {
        throw new DatasetException(DatasetException.WRONG_DIMENSION, "line " + (i + 1),
            "line " + (i + 1) + " has " + cells.size() + " cells, the header " + header.size(),
            "every row needs one value per column");
      }
      for (int c = 0; c < header.size(); c++) {
        cols.get(header.get(c)).add(cells.get(c));
      }
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
    return new StimulusSetCsv(cols.get(idCol), cols.get(fileCol), cols);
  }

  static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (ch == '"') {
        if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (ch == ',' && !quoted) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(ch);
      }
    }
    out.add(cur.toString().strip());
    return out;
  }
}
