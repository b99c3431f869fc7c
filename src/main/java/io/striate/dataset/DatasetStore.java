package io.striate.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catalogue of imported neural recording sets: {@code <dataDirectory>/datasets/<id>/} holds the files as
 * uploaded ({@code assembly.nc} or {@code responses.csv}, {@code stimuli.csv}, {@code stimuli.zip}) and
 * {@code dataset.json} ({@link DatasetManifest}); the directory listing is the index. An import is staged in a
 * hidden directory, fully parsed and checked (declared sha1/sha-256, variables, dimensions, stimulus ids, images)
 * and only then moved into place, so a failed import leaves nothing behind.
 */
public final class DatasetStore {
  /** Dataset ids: BrainIO style, e.g. {@code movshon.FreemanZiemba2013.public}. */
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  static final String MANIFEST = "dataset.json";
  static final String ASSEMBLY = "assembly.nc";
  static final String RESPONSES = "responses.csv";
  static final String STIMULUS_CSV = "stimuli.csv";
  static final String STIMULUS_ZIP = "stimuli.zip";

  private final Path root;
  private final JsonMapper json = JsonMapper.builder().build();
  private final Map<String, RecordingSet> cache = new ConcurrentHashMap<>();

  /** @param dataDirectory Striate's data directory; recordings live in its {@code datasets/} folder */
  public DatasetStore(Path dataDirectory) {
    this.root = dataDirectory.resolve("datasets");
  }

  /**
   * A BrainIO import.
   *
   * @param expectedChecksums declared hex digests by file ({@code assembly}, {@code stimulus_csv},
   *                          {@code stimulus_zip}); 40 hex digits = sha1, 64 = sha-256; missing entries are not
   *                          checked
   */
  public record BrainIoImport(String id, Path assembly, Path stimulusCsv, Path stimulusZip, String region,
                              double windowStartMs, double windowEndMs, double visualDegrees,
                              Map<String, String> expectedChecksums) {
  }

  public DatasetManifest importBrainIo(BrainIoImport req) {
    return stage(req.id(), dir -> {
      Map<String, String> sha = new LinkedHashMap<>();
      sha.put(ASSEMBLY, copyChecked(req.assembly(), dir.resolve(ASSEMBLY), req.expectedChecksums().get("assembly"),
          "assembly"));
      sha.put(STIMULUS_CSV, copyChecked(req.stimulusCsv(), dir.resolve(STIMULUS_CSV),
          req.expectedChecksums().get("stimulus_csv"), "stimulus_csv"));
      sha.put(STIMULUS_ZIP, copyChecked(req.stimulusZip(), dir.resolve(STIMULUS_ZIP),
          req.expectedChecksums().get("stimulus_zip"), "stimulus_zip"));
      DatasetManifest m = new DatasetManifest(req.id(), "brainio", req.region(), req.windowStartMs(),
          req.windowEndMs(), req.visualDegrees(), 0, 0, 0, sha, List.of());
      RecordingSet set = read(dir, m);
      return withCounts(m, set);
    });
  }

  /** An open-format import (docs/datasets.md). */
  public DatasetManifest importOpen(String id, Path responsesCsv, Path stimulusCsv, Path stimulusZip, String region,
                                    double visualDegrees) {
    return stage(id, dir -> {
      Map<String, String> sha = new LinkedHashMap<>();
      sha.put(RESPONSES, copyChecked(responsesCsv, dir.resolve(RESPONSES), null, "responses"));
      sha.put(STIMULUS_CSV, copyChecked(stimulusCsv, dir.resolve(STIMULUS_CSV), null, "stimulus_csv"));
      sha.put(STIMULUS_ZIP, copyChecked(stimulusZip, dir.resolve(STIMULUS_ZIP), null, "stimulus_zip"));
      DatasetManifest m = new DatasetManifest(id, "open", region, 0, 0, visualDegrees, 0, 0, 0, sha, List.of());
      return withCounts(m, read(dir, m));
    });
  }

  /** Every imported dataset, by id. */
  public List<DatasetManifest> list() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(root)) {
      List<DatasetManifest> out = new ArrayList<>();
      for (Path d : dirs.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList()) {
        Path m = d.resolve(MANIFEST);
        if (Files.isRegularFile(m)) {
          out.add(json.readValue(m.toFile(), DatasetManifest.class));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The recordings of {@code id}, or empty when not imported. */
  public Optional<RecordingSet> load(String id) {
    RecordingSet cached = cache.get(id);
    if (cached != null) {
      return Optional.of(cached);
    }
    Path dir = root.resolve(id);
    if (!ID.matcher(id).matches() || !Files.isRegularFile(dir.resolve(MANIFEST))) {
      return Optional.empty();
    }
    RecordingSet set = read(dir, json.readValue(dir.resolve(MANIFEST).toFile(), DatasetManifest.class));
    cache.put(id, set);
    return Optional.of(set);
  }

  private RecordingSet read(Path dir, DatasetManifest m) {
    StimulusSetCsv csv = StimulusSetCsv.read(dir.resolve(STIMULUS_CSV));
    NeuralRecordings rec = m.format().equals("brainio")
        ? BrainIoAssemblyReader.read(dir.resolve(ASSEMBLY), m.id(), m.region(), m.windowStartMs(), m.windowEndMs(),
            csv.ids(), csv.columns())
        : OpenFormatReader.read(dir.resolve(RESPONSES), m.id(), m.region(), csv.ids(), csv.columns());
    ZipStimulusSet images = new ZipStimulusSet(dir.resolve(STIMULUS_ZIP), csv.ids(), csv.filenames());
    return new RecordingSet(rec, images, m.visualDegrees());
  }

  private static DatasetManifest withCounts(DatasetManifest m, RecordingSet set) {
    ((ZipStimulusSet) set.stimuli()).verify();
    NeuralRecordings r = set.recordings();
    return new DatasetManifest(m.id(), m.format(), m.region(), m.windowStartMs(), m.windowEndMs(), m.visualDegrees(),
        r.stimuli(), r.neuroids(), r.responses().length, m.sha256(),
        List.copyOf(r.stimulusColumns().keySet().stream().sorted().toList()));
  }

  @FunctionalInterface
  private interface Stager {
    DatasetManifest build(Path dir) throws IOException;
  }

  private DatasetManifest stage(String id, Stager stager) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new DatasetException(DatasetException.INVALID_ID, "id", "invalid dataset id '" + id + "'",
          "letters, digits, '.', '_' and '-', e.g. movshon.FreemanZiemba2013.public");
    }
    Path target = root.resolve(id);
    if (Files.exists(target)) {
      throw new DatasetException(DatasetException.DUPLICATE, "id", "dataset " + id + " is already imported",
          "delete it first or choose another id");
    }
    Path staging = root.resolve(".import-" + UUID.randomUUID());
    try {
      Files.createDirectories(staging);
      DatasetManifest m = stager.build(staging);
      json.writerWithDefaultPrettyPrinter().writeValue(staging.resolve(MANIFEST).toFile(), m);
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      return m;
    } catch (IOException e) {
      throw new DatasetException(DatasetException.UNREADABLE, id, "import failed: " + e.getMessage(),
          "check the files and the data directory's free space", e);
    } finally {
      deleteQuietly(staging);
    }
  }

  private static String copyChecked(Path from, Path to, String expected, String field) throws IOException {
    if (from == null || !Files.isRegularFile(from)) {
      throw new DatasetException(DatasetException.MISSING_VARIABLE, field, "file " + from + " is missing",
          "provide the " + field + " file");
    }
    MessageDigest sha256 = digest("SHA-256");
    MessageDigest sha1 = digest("SHA-1");
    try (InputStream in = new DigestInputStream(new DigestInputStream(Files.newInputStream(from), sha256), sha1)) {
      Files.copy(in, to);
    }
    String s256 = HexFormat.of().formatHex(sha256.digest());
    String s1 = HexFormat.of().formatHex(sha1.digest());
    if (expected != null && !expected.isBlank()) {
      String e = expected.strip().toLowerCase();
      String actual = e.length() == 40 ? s1 : s256;
      if (!actual.equals(e)) {
        throw new DatasetException(DatasetException.CHECKSUM_MISMATCH, field, field + " has " + (e.length() == 40
            ? "sha1 " : "sha-256 ") + actual + ", declared " + e, "upload the file the catalogue declares");
      }
    }
    return s256;
  }

  private static MessageDigest digest(String alg) {
    try {
      return MessageDigest.getInstance(alg);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteQuietly(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // best effort: a leftover hidden staging directory is never listed
        }
      });
    } catch (IOException ignored) {
      // best effort
    }
  }
}
