package io.striate.benchmark.marques2020.data;

import io.striate.dataset.FileDigests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reference data of the 15 Marques 2020 benchmarks that are not public in this repository, imported by an
 * administrator from Brain-Score's published files and kept under {@code <dataDir>/marques2020/}:
 * <ul>
 *   <li>{@code shapley.Ringach2002.nc} (PropertyAssembly, 304 neurons),</li>
 *   <li>{@code movshon.FreemanZiemba2013_V1_properties.nc} (PropertyAssembly, 102 neurons),</li>
 *   <li>{@code movshon.FreemanZiemba2013_properties.csv} / {@code .zip} (450 texture/noise images).</li>
 * </ul>
 * Every file is verified against the sha1 Brain-Score registered ({@code brainscore_vision/data/marques2020/
 * __init__.py}) before it is stored.
 */
public final class MarquesDataStore {
  public static final String RINGACH = "shapley.Ringach2002";
  public static final String FREEMAN_ZIEMBA = "movshon.FreemanZiemba2013_V1_properties";
  public static final String TEXTURES = "movshon.FreemanZiemba2013_properties";

  /** sha1 of Brain-Score's published files (brain-score/vision, data/marques2020/__init__.py). */
  public static final Map<String, String> BRAIN_SCORE_SHA1 = Map.of(
      RINGACH + ".nc", "0f3e19140bd9f930109879a38e574471d9576cf5",
      FREEMAN_ZIEMBA + ".nc", "e665522d9a32e6cd6c3ebc61ff65fd3899c8d3e6",
      TEXTURES + ".csv", "6f7bcb5d0c01e81c9fbdcec9bf586cbb579a9b02",
      TEXTURES + ".zip", "c64a0d6b447676a6d5cff3d3625a5f294e62ff97");

  private final Path directory;
  private final Map<String, String> sha1;
  private final Map<String, Object> cache = new ConcurrentHashMap<>();

  /** @param dataDir the service's storage directory (config {@code striate.storage.dir}) */
  public MarquesDataStore(Path dataDir) {
    this(dataDir, BRAIN_SCORE_SHA1);
  }

  /** With other expected sha1s (tests). */
  public MarquesDataStore(Path dataDir, Map<String, String> expectedSha1) {
    this.directory = dataDir.resolve("marques2020");
    this.sha1 = Map.copyOf(expectedSha1);
  }

  public Path directory() {
    return directory;
  }

  /** Verifies and stores a PropertyAssembly netCDF file ({@link #RINGACH} or {@link #FREEMAN_ZIEMBA}). */
  public synchronized PropertyAssembly importAssembly(String identifier, Path source) {
    if (!identifier.equals(RINGACH) && !identifier.equals(FREEMAN_ZIEMBA)) {
      throw new MarquesDataException(MarquesDataException.UNKNOWN, "identifier", "unknown assembly " + identifier,
          "one of " + RINGACH + ", " + FREEMAN_ZIEMBA);
    }
    String name = identifier + ".nc";
    String digest = verify(name, source);
    // parse before storing so that a broken file never replaces a good one
    PropertyAssemblyReader.read(identifier, digest, source);
    store(source, name);
    cache.remove(identifier);
    return assembly(identifier).orElseThrow();
  }

  /** Verifies and stores the texture stimulus set's csv and zip. */
  public synchronized TextureStimuli importTextureStimuli(Path csv, Path zip) {
    verify(TEXTURES + ".csv", csv);
    verify(TEXTURES + ".zip", zip);
    TextureStimuli.open(csv, zip);
    store(csv, TEXTURES + ".csv");
    store(zip, TEXTURES + ".zip");
    cache.remove(TEXTURES);
    return textureStimuli().orElseThrow();
  }

  /** The imported assembly, if present. */
  public Optional<PropertyAssembly> assembly(String identifier) {
    Path file = directory.resolve(identifier + ".nc");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    return Optional.of((PropertyAssembly) cache.computeIfAbsent(identifier,
        id -> PropertyAssemblyReader.read(id, sha1.get(id + ".nc"), file)));
  }

  /** The imported texture stimulus set, if present. */
  public Optional<TextureStimuli> textureStimuli() {
    Path csv = directory.resolve(TEXTURES + ".csv");
    Path zip = directory.resolve(TEXTURES + ".zip");
    if (!Files.isRegularFile(csv) || !Files.isRegularFile(zip)) {
      return Optional.empty();
    }
    return Optional.of((TextureStimuli) cache.computeIfAbsent(TEXTURES, id -> TextureStimuli.open(csv, zip)));
  }

  /** Administrator instructions for making {@code identifier} available. */
  public String howTo(String identifier) {
    if (identifier.equals(TEXTURES)) {
      return "Download Brain-Score's stimulus set " + TEXTURES + " (csv sha1 " + sha1.get(TEXTURES + ".csv")
          + ", zip sha1 " + sha1.get(TEXTURES + ".zip") + ") from the brainio-brainscore S3 bucket and import both "
          + "files as an administrator: curl -H 'Authorization: Bearer $ADMIN' -F csv=@" + TEXTURES + ".csv -F zip=@"
          + TEXTURES + ".zip $STRIATE/api/v1/datasets/marques2020/textures; they are stored under " + directory;
    }
    return "Download Brain-Score's assembly " + identifier + " (.nc, sha1 " + sha1.get(identifier + ".nc")
        + ") from the brainio-brainscore S3 bucket and import it as an administrator: curl -H 'Authorization: Bearer "
        + "$ADMIN' -F file=@" + identifier + ".nc $STRIATE/api/v1/datasets/marques2020/assemblies/" + identifier
        + "; it is stored under " + directory;
  }

  private String verify(String name, Path source) {
    String expected = sha1.get(name);
    String actual = sha1(source);
    if (!actual.equals(expected)) {
      throw new MarquesDataException(MarquesDataException.SHA1_MISMATCH, name, name + " has sha1 " + actual
          + ", expected " + expected, "import the exact file Brain-Score published");
    }
    return actual;
  }

  private void store(Path source, String name) {
    try {
      Files.createDirectories(directory);
      Path tmp = Files.createTempFile(directory, name, ".part");
      Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, directory.resolve(name), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new MarquesDataException(MarquesDataException.UNREADABLE, name, "cannot store " + name + ": "
          + e.getMessage(), "check that " + directory + " is writable", e);
    }
  }

  static String sha1(Path file) {
    try {
      return FileDigests.of(file).sha1();
    } catch (UncheckedIOException e) {
      throw new MarquesDataException(MarquesDataException.UNREADABLE, "file", "cannot read " + file + ": "
          + e.getMessage(), "check the path", e);
    }
  }
}
