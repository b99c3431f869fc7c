package io.striate.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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

  /**
   * The import parameters after the one set of defaults: for an id a shipped benchmark reads
   * ({@link DatasetDefinition}), that benchmark's region, window and degrees (a request may repeat them but not
   * contradict them); otherwise region {@value DatasetDefinition#DEFAULT_REGION}, the 50–200 ms window, and the
   * degrees the request must give.
   *
   * @param sources where each value came from ({@code request}, {@code definition of <id>}, {@code default})
   */
  public record ImportParameters(String region, double windowStartMs, double windowEndMs, double visualDegrees,
                                 Map<String, String> sources) {
    public ImportParameters {
      sources = Map.copyOf(sources);
    }

    /** Resolves the request's values (null = not given) for dataset {@code id}. */
    public static ImportParameters resolve(String id, String region, Double windowStartMs, Double windowEndMs,
                                           Double visualDegrees) {
      Optional<DatasetDefinition> def = DatasetDefinition.of(id);
      Map<String, String> sources = new LinkedHashMap<>();
      String from = def.map(d -> "definition of " + d.id() + " (" + String.join(", ", d.benchmarks()) + ")")
          .orElse("default");
      String r = pick("region", region, def.map(DatasetDefinition::region).orElse(DatasetDefinition.DEFAULT_REGION),
          def.isPresent(), from, sources);
      double start = pick("windowStartMs", windowStartMs, def.map(DatasetDefinition::windowStartMs)
          .orElse(DatasetDefinition.DEFAULT_WINDOW_START_MS), def.isPresent(), from, sources);
      double end = pick("windowEndMs", windowEndMs, def.map(DatasetDefinition::windowEndMs)
          .orElse(DatasetDefinition.DEFAULT_WINDOW_END_MS), def.isPresent(), from, sources);
      if (visualDegrees == null && def.isEmpty()) {
        throw new DatasetException(DatasetException.INVALID_PARAMETER, "visualDegrees", "visualDegrees is required "
            + "for " + id + ", which no shipped benchmark defines", "give the degrees of visual angle the images span");
      }
      double degrees = pick("visualDegrees", visualDegrees, def.map(DatasetDefinition::visualDegrees).orElse(null),
          def.isPresent(), from, sources);
      if (!(start < end)) {
        throw new DatasetException(DatasetException.INVALID_PARAMETER, "windowEndMs", "the window " + start + "–"
            + end + " ms is empty", "windowStartMs must be below windowEndMs");
      }
      if (!(degrees > 0) || Double.isInfinite(degrees)) {
        throw new DatasetException(DatasetException.INVALID_PARAMETER, "visualDegrees", "visualDegrees must be a "
            + "positive number, got " + degrees, "e.g. 4 for FreemanZiemba2013");
      }
      return new ImportParameters(r, start, end, degrees, sources);
    }

    private static <T> T pick(String name, T requested, T fallback, boolean defined, String from,
                              Map<String, String> sources) {
      if (requested == null) {
        sources.put(name, fallback + " (" + from + ")");
        return fallback;
      }
      if (defined && !requested.equals(fallback)) {
        throw new DatasetException(DatasetException.DEFINITION_MISMATCH, name, name + " " + requested
            + " contradicts the " + from + ", which uses " + fallback, "leave " + name + " out or import under "
            + "another id");
      }
      sources.put(name, requested + " (request)");
      return requested;
    }
  }

  public DatasetManifest importBrainIo(BrainIoImport req) {
    return importBrainIo(req, Map.of());
  }

  /** A BrainIO import whose manifest records where each parameter came from ({@link ImportParameters#sources}). */
  public DatasetManifest importBrainIo(BrainIoImport req, Map<String, String> parameterSources) {
    return stage(req.id(), dir -> {
      Map<String, String> sha = new LinkedHashMap<>();
      sha.put(ASSEMBLY, copyChecked(req.assembly(), dir.resolve(ASSEMBLY), req.expectedChecksums().get("assembly"),
          "assembly"));
      sha.put(STIMULUS_CSV, copyChecked(req.stimulusCsv(), dir.resolve(STIMULUS_CSV),
          req.expectedChecksums().get("stimulus_csv"), "stimulus_csv"));
      sha.put(STIMULUS_ZIP, copyChecked(req.stimulusZip(), dir.resolve(STIMULUS_ZIP),
          req.expectedChecksums().get("stimulus_zip"), "stimulus_zip"));
      DatasetManifest m = new DatasetManifest(req.id(), "brainio", req.region(), req.windowStartMs(),
          req.windowEndMs(), req.visualDegrees(), 0, 0, 0, sha, List.of(), null, parameterSources, null);
      return withCounts(m, readChecked(dir, m));
    });
  }

  /** An open-format import (docs/datasets.md). */
  public DatasetManifest importOpen(String id, Path responsesCsv, Path stimulusCsv, Path stimulusZip, String region,
                                    double visualDegrees) {
    return importOpen(id, responsesCsv, stimulusCsv, stimulusZip, region, visualDegrees, Map.of());
  }

  /** An open-format import whose manifest records where each parameter came from. */
  public DatasetManifest importOpen(String id, Path responsesCsv, Path stimulusCsv, Path stimulusZip, String region,
                                    double visualDegrees, Map<String, String> parameterSources) {
    return stage(id, dir -> {
      Map<String, String> sha = new LinkedHashMap<>();
      sha.put(RESPONSES, copyChecked(responsesCsv, dir.resolve(RESPONSES), null, "responses"));
      sha.put(STIMULUS_CSV, copyChecked(stimulusCsv, dir.resolve(STIMULUS_CSV), null, "stimulus_csv"));
      sha.put(STIMULUS_ZIP, copyChecked(stimulusZip, dir.resolve(STIMULUS_ZIP), null, "stimulus_zip"));
      DatasetManifest m = new DatasetManifest(id, "open", region, 0, 0, visualDegrees, 0, 0, 0, sha, List.of(), null,
          parameterSources, null);
      return withCounts(m, readChecked(dir, m));
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
    RecordingSet set = readChecked(dir, json.readValue(dir.resolve(MANIFEST).toFile(), DatasetManifest.class))
        .set();
    cache.put(id, set);
    return Optional.of(set);
  }

  private record Read(RecordingSet set, NetcdfFile.ReadCheck check) {
  }

  /**
   * The one read path of import and load: the stimulus csv in ascending stimulus-id order (so the csv's row order
   * cannot change a score), the recordings in that order, the images.
   */
  private static Read readChecked(Path dir, DatasetManifest m) {
    StimulusSetCsv csv = StimulusSetCsv.read(dir.resolve(STIMULUS_CSV)).sortedById();
    NeuralRecordings rec;
    NetcdfFile.ReadCheck check = null;
    if (m.format().equals("brainio")) {
      BrainIoAssemblyReader.Result r = BrainIoAssemblyReader.readChecked(dir.resolve(ASSEMBLY), m.id(), m.region(),
          m.windowStartMs(), m.windowEndMs(), csv.ids(), csv.columns());
      rec = r.recordings();
      check = r.check();
    } else {
      rec = OpenFormatReader.read(dir.resolve(RESPONSES), m.id(), m.region(), csv.ids(), csv.columns());
    }
    ZipStimulusSet images = new ZipStimulusSet(dir.resolve(STIMULUS_ZIP), csv.ids(), csv.filenames());
    return new Read(new RecordingSet(rec, images, m.visualDegrees()), check);
  }

  private static DatasetManifest withCounts(DatasetManifest m, Read read) {
    RecordingSet set = read.set();
    ((ZipStimulusSet) set.stimuli()).verify();
    NeuralRecordings r = set.recordings();
    int repetitions = (int) Arrays.stream(r.presentationRepetition()).distinct().count();
    DatasetDefinition.of(m.id()).ifPresent(d -> checkShape(d, r, repetitions));
    String storage = read.check() == null ? null : read.check().storage() + "; " + read.check().elements()
        + " elements, " + read.check().verification() + " verified";
    return new DatasetManifest(m.id(), m.format(), m.region(), m.windowStartMs(), m.windowEndMs(), m.visualDegrees(),
        r.stimuli(), r.neuroids(), r.responses().length, m.sha256(),
        List.copyOf(r.stimulusColumns().keySet().stream().sorted().toList()), repetitions, m.parameters(), storage);
  }

  /** An import under a benchmark's id must have that benchmark's images, presentations and repetitions. */
  static void checkShape(DatasetDefinition d, NeuralRecordings r, int repetitions) {
    int[] perStimulus = new int[r.stimuli()];
    for (int s : r.presentationStimulus()) {
      perStimulus[s]++;
    }
    String expected = "; " + String.join(", ", d.benchmarks()) + " define " + d.stimuli() + " images, "
        + d.presentations() + " presentations, " + d.repetitions() + " repetitions per image";
    String hint = "import these recordings under another id, or the recordings the benchmark defines";
    if (r.stimuli() != d.stimuli()) {
      throw new DatasetException(DatasetException.SHAPE_MISMATCH, "stimuli", d.id() + " has " + r.stimuli()
          + " images" + expected, hint);
    }
    if (r.responses().length != d.presentations()) {
      throw new DatasetException(DatasetException.SHAPE_MISMATCH, "presentations", d.id() + " has "
          + r.responses().length + " presentations" + expected, hint);
    }
    for (int s = 0; s < perStimulus.length; s++) {
      if (perStimulus[s] != d.repetitions() || repetitions != d.repetitions()) {
        throw new DatasetException(DatasetException.SHAPE_MISMATCH, "repetition", d.id() + " shows "
            + r.stimulusIds().get(s) + " " + perStimulus[s] + " times over " + repetitions + " repetition ids"
            + expected, hint);
      }
    }
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
    FileDigests digests = FileDigests.copy(from, to);
    digests.verify(expected, field);
    return digests.sha256();
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
