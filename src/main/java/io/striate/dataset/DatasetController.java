package io.striate.dataset;

import io.striate.problem.ProblemStatus;
import io.striate.account.Callers;
import io.striate.account.Scope;
import io.striate.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

@Tag(name = "datasets", description = "Neural recording sets for predictivity benchmarks")
@RestController
@RequestMapping("/api/v1/datasets")
class DatasetController {
  private final DatasetStore store;

  DatasetController(DatasetStore store) {
    this.store = store;
  }

  @Operation(summary = "Imported recording sets",
      description = "Each with its format, region, time window, visual degrees, counts and the sha-256 of every file.")
  @GetMapping
  List<DatasetManifest> list() {
    return store.list();
  }

  /** Form fields and query parameters the import accepts. */
  static final List<String> PARAMETERS = List.of("id", "format", "region", "windowStartMs", "windowEndMs",
      "visualDegrees", "checksum_assembly", "checksum_stimulus_csv", "checksum_stimulus_zip");
  /** File parts the import accepts. */
  static final List<String> PARTS = List.of("assembly", "responses", "stimulus_csv", "stimulus_zip");

  @Operation(summary = "Import a recording set (admin)",
      description = "multipart/form-data. `format=brainio`: part `assembly` (a BrainIO NeuronRecordingAssembly, "
          + "netCDF4/HDF5: presentation × neuroid × time_bin, any storage incl. Brain-Score's compressed "
          + "write_netcdf), `stimulus_csv`, `stimulus_zip`, parameters `region`, `windowStartMs`, `windowEndMs`, "
          + "`visualDegrees`; optional sha1/sha-256 checksums per part as `checksum_assembly`, "
          + "`checksum_stimulus_csv`, `checksum_stimulus_zip`. `format=open`: part `responses` (CSV, see "
          + "docs/datasets.md) instead of `assembly`. Under the ids movshon.FreemanZiemba2013.public / .private the "
          + "parameters default to the benchmark's definition (V1, 50–200 ms, 4°) and the recordings must have its "
          + "shape (135 / 315 images × 20 repetitions), else 422; other ids default to V1 and 50–200 ms and need "
          + "`visualDegrees`. The response states every parameter's value and source. An unknown field is a 400. "
          + "A failed import leaves nothing behind. For files too large for HTTP use the command line in "
          + "docs/datasets.md.")
  @ApiResponse(responseCode = "201", description = "Imported: the dataset's manifest", useReturnTypeSchema = true)
  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<DatasetManifest> importDataset(
      @RequestParam String id,
      @RequestParam(defaultValue = "brainio") String format,
      @RequestParam(required = false) String region,
      @RequestParam(required = false) Double windowStartMs,
      @RequestParam(required = false) Double windowEndMs,
      @RequestParam(required = false) Double visualDegrees,
      @RequestPart(value = "assembly", required = false) MultipartFile assembly,
      @RequestPart(value = "responses", required = false) MultipartFile responses,
      @RequestPart("stimulus_csv") MultipartFile stimulusCsv,
      @RequestPart("stimulus_zip") MultipartFile stimulusZip,
      @RequestParam(value = "checksum_assembly", required = false) String checksumAssembly,
      @RequestParam(value = "checksum_stimulus_csv", required = false) String checksumCsv,
      @RequestParam(value = "checksum_stimulus_zip", required = false) String checksumZip,
      MultipartHttpServletRequest request) throws IOException {
    Callers.require(request, Scope.ADMIN);
    rejectUnknownFields(request);
    boolean brainio = switch (format) {
      case "brainio" -> true;
      case "open" -> false;
      default -> throw new ProblemException(ProblemStatus.BAD_REQUEST, "invalid-parameter", "Unknown format '" + format
          + "'", "format", "Use brainio or open");
    };
    MultipartFile data = brainio ? assembly : responses;
    if (data == null || data.isEmpty()) {
      String part = brainio ? "assembly" : "responses";
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "missing-part", "Part '" + part + "' is missing", part,
          brainio ? "Attach the BrainIO .nc file as 'assembly'" : "Attach the responses CSV as 'responses'");
    }
    List<Path> staged = new ArrayList<>();
    try {
      DatasetStore.ImportParameters p = DatasetStore.ImportParameters.resolve(id, region, windowStartMs,
          windowEndMs, visualDegrees);
      Path dataFile = stage(data, staged);
      Path csv = stage(stimulusCsv, staged);
      Path zip = stage(stimulusZip, staged);
      DatasetManifest manifest;
      if (brainio) {
        Map<String, String> sums = new HashMap<>();
        putIfSet(sums, "assembly", checksumAssembly);
        putIfSet(sums, "stimulus_csv", checksumCsv);
        putIfSet(sums, "stimulus_zip", checksumZip);
        manifest = store.importBrainIo(new DatasetStore.BrainIoImport(id, dataFile, csv, zip, p.region(),
            p.windowStartMs(), p.windowEndMs(), p.visualDegrees(), sums), p.sources());
      } else {
        manifest = store.importOpen(id, dataFile, csv, zip, p.region(), p.visualDegrees(), p.sources());
      }
      return ResponseEntity.status(HttpStatus.CREATED).body(manifest);
    } catch (DatasetException e) {
      throw problem(e);
    } finally {
      for (Path p : staged) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** RFC 9457 status of a dataset failure: 409 duplicate, 404 unknown, 400 bad id/parameter, else 422. */
  static ProblemException problem(DatasetException e) {
    ProblemStatus status = switch (e.code()) {
      case DatasetException.DUPLICATE -> ProblemStatus.CONFLICT;
      case DatasetException.NOT_FOUND -> ProblemStatus.NOT_FOUND;
      case DatasetException.INVALID_ID, DatasetException.INVALID_PARAMETER -> ProblemStatus.BAD_REQUEST;
      default -> ProblemStatus.UNPROCESSABLE_ENTITY;
    };
    return new ProblemException(status, e.code(), e.getMessage(), e.field(), e.hint());
  }

  /** A misspelled field (e.g. {@code sha1Assembly}) would silently skip a check: it is a 400 instead. */
  private static void rejectUnknownFields(MultipartHttpServletRequest request) {
    Set<String> names = new TreeSet<>(request.getParameterMap().keySet());
    names.addAll(request.getMultiFileMap().keySet());
    for (String name : names) {
      if (!PARAMETERS.contains(name) && !PARTS.contains(name)) {
        throw new ProblemException(ProblemStatus.BAD_REQUEST, "unknown-field", "Unknown field '" + name + "'", name,
            "Accepted fields: " + String.join(", ", PARAMETERS) + "; file parts: " + String.join(", ", PARTS),
            Map.of("accepted", Stream.concat(PARAMETERS.stream(), PARTS.stream()).toList()));
      }
    }
  }

  private static void putIfSet(Map<String, String> sums, String key, String value) {
    if (value != null && !value.isBlank()) {
      sums.put(key, value.trim());
    }
  }

  private static Path stage(MultipartFile file, List<Path> staged) throws IOException {
    Path p = Files.createTempFile("striate-dataset-", ".part");
    staged.add(p);
    file.transferTo(p);
    return p;
  }
}
