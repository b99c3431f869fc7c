package io.striate.dataset;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The one CSV parser of the dataset importers (Apache Commons CSV, RFC 4180: quoted fields, embedded commas and
 * quotes, CRLF or LF, a UTF-8 byte-order mark tolerated): a header row and rows of exactly as many cells, blank lines
 * skipped, cells stripped of surrounding white space.
 *
 * @param header the column names, in file order
 * @param rows   the data rows, each {@code header.size()} cells
 * @param lines  the 1-based line number of each row in the file (for error messages)
 */
public record CsvTable(List<String> header, List<List<String>> rows, List<Long> lines) {
  private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true)
      .setIgnoreSurroundingSpaces(true).get();

  public CsvTable {
    header = List.copyOf(header);
    rows = List.copyOf(rows);
    lines = List.copyOf(lines);
  }

  /**
   * Reads {@code file}; {@code field} names it in errors ({@code stimulus_csv}, {@code responses}, {@code csv}).
   * An empty file, a row with another number of cells or a malformed quote is a {@link DatasetException}.
   */
  public static CsvTable read(Path file, String field) {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
         CSVParser parser = CSVParser.parse(in, FORMAT)) {
      List<String> header = null;
      List<List<String>> rows = new ArrayList<>();
      List<Long> lines = new ArrayList<>();
      for (CSVRecord r : parser) {
        List<String> cells = r.toList();
        if (header == null) {
          if (!cells.isEmpty() && cells.get(0).startsWith("\uFEFF")) {
            cells.set(0, cells.get(0).substring(1));
          }
          header = cells;
          continue;
        }
        if (cells.size() == 1 && cells.get(0).isEmpty()) {
          continue;
        }
        long line = parser.getCurrentLineNumber();
        if (cells.size() != header.size()) {
          throw new DatasetException(DatasetException.WRONG_DIMENSION, "line " + line, field + " line " + line
              + " has " + cells.size() + " cells, the header " + header.size(), "every row needs one value per column");
        }
        rows.add(cells);
        lines.add(line);
      }
      if (header == null) {
        throw new DatasetException(DatasetException.MISSING_VARIABLE, field, field + " is empty",
            "the first line names the columns");
      }
      return new CsvTable(header, rows, lines);
    } catch (IOException | IllegalStateException | java.io.UncheckedIOException e) {
      throw new DatasetException(DatasetException.UNREADABLE, field, "cannot read " + field + " as CSV: "
          + e.getMessage(), "upload a UTF-8, comma-separated file with a header row", e);
    }
  }

  /** The index of the first of {@code names} in the header, or -1. */
  public int column(String... names) {
    for (String n : names) {
      int i = header.indexOf(n);
      if (i >= 0) {
        return i;
      }
    }
    return -1;
  }
}
