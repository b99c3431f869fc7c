package io.striate.benchmark.marques2020.data;

import io.striate.benchmark.stimuli.FieldOfView;
import io.striate.benchmark.stimuli.GeneratedStimulusSet;
import io.striate.benchmark.stimuli.GrayImage;
import io.striate.dataset.CsvTable;
import io.striate.model.StimulusSet;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.imageio.ImageIO;

/**
 * Brain-Score's {@code FreemanZiemba2013_properties} stimulus set (450 aperture-windowed texture and noise images,
 * 640 px over 8°, centred at (0.5°, 0.5°); spec §4.3), read from its BrainIO csv and zip. Images are decoded from
 * the zip on demand, sorted by (type, family, sample) with type 1 = noise first, as Brain-Score's
 * {@code sortby(['type', 'family', 'sample'])}.
 */
public final class TextureStimuli {
  /** One image of the set. */
  public record Entry(String id, int type, int family, int sample, double degrees, String file) {
  }

  private final Path zip;
  private final List<Entry> entries;
  private final Map<String, String> zipNames;

  private TextureStimuli(Path zip, List<Entry> entries, Map<String, String> zipNames) {
    this.zip = zip;
    this.entries = entries;
    this.zipNames = zipNames;
  }

  /** Reads the csv (columns stimulus_id/image_id, type, family, sample, degrees, filename/image_file_name). */
  public static TextureStimuli open(Path csv, Path zip) {
    try {
      CsvTable table = CsvTable.read(csv, "csv");
      int id = column(table, csv, "stimulus_id", "image_id");
      int type = column(table, csv, "type");
      int family = column(table, csv, "family");
      int sample = column(table, csv, "sample");
      int degrees = column(table, csv, "degrees");
      int file = column(table, csv, "filename", "image_file_name");
      List<Entry> entries = new ArrayList<>();
      for (List<String> f : table.rows()) {
        entries.add(new Entry(f.get(id), (int) Double.parseDouble(f.get(type)),
            (int) Double.parseDouble(f.get(family)), (int) Double.parseDouble(f.get(sample)),
            Double.parseDouble(f.get(degrees)), f.get(file)));
      }
      entries.sort(Comparator.comparingInt(Entry::type).thenComparingInt(Entry::family)
          .thenComparingInt(Entry::sample));
      Map<String, String> names = new HashMap<>();
      try (ZipFile z = new ZipFile(zip.toFile())) {
        z.stream().filter(e -> !e.isDirectory()).forEach(e -> names.put(baseName(e.getName()), e.getName()));
      }
      for (Entry e : entries) {
        if (!names.containsKey(baseName(e.file()))) {
          throw new MarquesDataException(MarquesDataException.UNREADABLE, "zip", "image " + e.file()
              + " listed in the csv is missing from the zip", "import the csv and zip of the same stimulus set");
        }
      }
      return new TextureStimuli(zip, List.copyOf(entries), names);
    } catch (IOException | RuntimeException e) {
      if (e instanceof MarquesDataException m) {
        throw m;
      }
      throw new MarquesDataException(MarquesDataException.UNREADABLE, "csv", "cannot read the texture stimulus set: "
          + e.getMessage(), "use the csv and zip Brain-Score published", e);
    }
  }

  private static String baseName(String name) {
    int slash = name.lastIndexOf('/');
    return slash < 0 ? name : name.substring(slash + 1);
  }

  private static int column(CsvTable table, Path csv, String... names) {
    int i = table.column(names);
    if (i < 0) {
      throw new MarquesDataException(MarquesDataException.UNREADABLE, names[0], csv.getFileName()
          + " has no column " + names[0], "use the csv Brain-Score published");
    }
    return i;
  }

  /** Entries in (type, family, sample) order. */
  public List<Entry> entries() {
    return entries;
  }

  /** Decodes the grayscale image of entry {@code index}. */
  public GrayImage image(int index) {
    Entry e = entries.get(index);
    try (ZipFile z = new ZipFile(zip.toFile())) {
      ZipEntry entry = z.getEntry(zipNames.get(baseName(e.file())));
      try (InputStream in = z.getInputStream(entry)) {
        BufferedImage img = ImageIO.read(in);
        Raster r = img.getRaster();
        if (r.getNumBands() != 1) {
          throw new MarquesDataException(MarquesDataException.UNREADABLE, "zip", e.file() + " is not grayscale",
              "use the images Brain-Score published");
        }
        byte[] px = new byte[img.getWidth() * img.getHeight()];
        for (int y = 0; y < img.getHeight(); y++) {
          for (int x = 0; x < img.getWidth(); x++) {
            px[y * img.getWidth() + x] = (byte) r.getSample(x, y, 0);
          }
        }
        return new GrayImage(img.getWidth(), img.getHeight(), px);
      }
    } catch (IOException ex) {
      throw new MarquesDataException(MarquesDataException.UNREADABLE, "zip", "cannot decode " + e.file(),
          "re-import the stimulus zip", ex);
    }
  }

  /** The set placed on a model's field of view, in (type, family, sample) order. */
  public StimulusSet placed(double targetDegrees) {
    return new GeneratedStimulusSet("FreemanZiemba2013_properties", entries.size(),
        i -> FieldOfView.place(image(i), entries.get(i).degrees(), targetDegrees));
  }
}
