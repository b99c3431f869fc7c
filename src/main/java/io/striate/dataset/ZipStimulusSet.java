package io.striate.dataset;

import io.striate.model.RgbImage;
import io.striate.model.StimulusSet;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.imageio.ImageIO;

/** Images read lazily from a zip, in a given order ({@code ids.get(i)} is stored as {@code files.get(i)}). */
public final class ZipStimulusSet implements StimulusSet {
  private final Path zip;
  private final List<String> ids;
  private final List<String> files;

  public ZipStimulusSet(Path zip, List<String> ids, List<String> files) {
    this.zip = zip;
    this.ids = List.copyOf(ids);
    this.files = List.copyOf(files);
  }

  @Override
  public int size() {
    return ids.size();
  }

  @Override
  public String id(int index) {
    return ids.get(index);
  }

  @Override
  public RgbImage image(int index) {
    try (ZipFile z = new ZipFile(zip.toFile())) {
      return decode(z, files.get(index));
    } catch (IOException e) {
      throw new DatasetException(DatasetException.UNREADABLE, files.get(index), "cannot read " + files.get(index)
          + " from " + zip.getFileName() + ": " + e.getMessage(), "re-import the stimulus zip", e);
    }
  }

  /** Checks that every file is present and decodable (used at import). */
  public void verify() {
    try (ZipFile z = new ZipFile(zip.toFile())) {
      for (String f : files) {
        decode(z, f);
      }
    } catch (IOException e) {
      throw new DatasetException(DatasetException.UNREADABLE, zip.getFileName().toString(),
          "cannot open the stimulus zip: " + e.getMessage(), "upload a zip of PNG/JPEG images", e);
    }
  }

  static RgbImage decode(ZipFile z, String file) throws IOException {
    ZipEntry e = z.getEntry(file);
    if (e == null) {
      e = z.stream().filter(x -> x.getName().endsWith("/" + file)).findFirst().orElse(null);
    }
    if (e == null) {
      throw new DatasetException(DatasetException.STIMULUS_MISMATCH, file, "image " + file + " is not in the zip",
          "the zip must hold every filename the csv lists");
    }
    BufferedImage img;
    try (InputStream in = z.getInputStream(e)) {
      img = ImageIO.read(in);
    }
    if (img == null) {
      throw new DatasetException(DatasetException.UNREADABLE, file, file + " is not a readable image",
          "use PNG or JPEG");
    }
    int w = img.getWidth();
    int h = img.getHeight();
    byte[] rgb = new byte[w * h * 3];
    boolean gray = img.getType() == BufferedImage.TYPE_BYTE_GRAY;  // getRGB would apply a gamma to linear gray
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int v = gray ? img.getRaster().getSample(x, y, 0) * 0x010101 : img.getRGB(x, y);
        int o = (y * w + x) * 3;
        rgb[o] = (byte) (v >> 16);
        rgb[o + 1] = (byte) (v >> 8);
        rgb[o + 2] = (byte) v;
      }
    }
    return new RgbImage(w, h, rgb);
  }
}
