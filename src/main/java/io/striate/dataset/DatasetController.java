package io.striate.dataset;

import io.striate.problem.ProblemStatus;
import io.striate.account.Callers;
import io.striate.account.Scope;
import io.striate.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

  @Operation(summary = "Import a recording set (admin)",
      description = "multipart/form-data. `format=brainio`: part `assembly` (a BrainIO NeuronRecordingAssembly, "
          + "netCDF4/HDF5: presentation × neuroid × time_bin), `stimulus_csv`, `stimulus_zip`, parameters `region`, "
          + "`windowStartMs`, `windowEndMs`; optional `sha1`/`sha256` checksums per part as `checksum_assembly`, "
          + "`checksum_stimulus_csv`, `checksum_stimulus_zip`. `format=open`: part `responses` (CSV, see "
          + "docs/datasets.md) instead of `assembly`. Use `id` movshon.FreemanZiemba2013.public / .private to "
          + "enable the FreemanZiemba2013 benchmarks. A failed import leaves nothing behind. For files too large for "
          + "HTTP use the command line in docs/datasets.md.")
  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<DatasetManifest> importDataset(
      @RequestParam String id,
      @RequestParam(defaultValue = "brainio") String format,
      @RequestParam(defaultValue = "V1") String region,
      @RequestParam(defaultValue = "70") double windowStartMs,
      @RequestParam(defaultValue = "170") double windowEndMs,
      @RequestParam double visualDegrees,
      @RequestPart(value = "assembly", required = false) MultipartFile assembly,
      @RequestPart(value = "responses", required = false) MultipartFile responses,
      @RequestPart("stimulus_csv") MultipartFile stimulusCsv,
      @RequestPart("stimulus_zip") MultipartFile stimulusZip,
      @RequestParam(value = "checksum_assembly", required = false) String checksumAssembly,
      @RequestParam(value = "checksum_stimulus_csv", required = false) String checksumCsv,
      @RequestParam(value = "checksum_stimulus_zip", required = false) String checksumZip,
      HttpServletRequest request) throws IOException {
    Callers.require(request, Scope.ADMIN);
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
      Path dataFile = stage(data, staged);
      Path csv = stage(stimulusCsv, staged);
      Path zip = stage(stimulusZip, staged);
      DatasetManifest manifest;
      if (brainio) {
        Map<String, String> sums = new HashMap<>();
        putIfSet(sums, "assembly", checksumAssembly);
        putIfSet(sums, "stimulus_csv", checksumCsv);
        putIfSet(sums, "stimulus_zip", checksumZip);
        manifest = store.importBrainIo(new DatasetStore.BrainIoImport(id, dataFile, csv, zip, region, windowStartMs,
            windowEndMs, visualDegrees, sums));
      } else {
        manifest = store.importOpen(id, dataFile, csv, zip, region, visualDegrees);
      }
      return ResponseEntity.status(HttpStatus.CREATED).body(manifest);
    } catch (DatasetException e) {
      ProblemStatus status = switch (e.code()) {
        case DatasetException.DUPLICATE -> ProblemStatus.CONFLICT;
        case DatasetException.NOT_FOUND -> ProblemStatus.NOT_FOUND;
        case DatasetException.INVALID_ID -> ProblemStatus.BAD_REQUEST;
        default -> ProblemStatus.UNPROCESSABLE_ENTITY;
      };
      throw new ProblemException(status, e.code(), e.getMessage(), e.field(), e.hint());
    } finally {
      for (Path p : staged) {
        Files.deleteIfExists(p);
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
