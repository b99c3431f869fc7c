package io.striate.benchmark.marques2020;

import io.striate.problem.ProblemStatus;
import io.striate.account.Callers;
import io.striate.account.Scope;
import io.striate.benchmark.marques2020.data.MarquesDataException;
import io.striate.benchmark.marques2020.data.MarquesDataStore;
import io.striate.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@Tag(name = "datasets", description = "Import reference data that cannot be shipped (administrators)")
@RestController
@RequestMapping("/api/v1/datasets/marques2020")
class MarquesDataController {
  private final MarquesDataStore store;

  MarquesDataController(MarquesDataStore store) {
    this.store = store;
  }

  @Operation(summary = "Import a Brain-Score PropertyAssembly (admin)",
      description = "`identifier` is shapley.Ringach2002 or movshon.FreemanZiemba2013_V1_properties; `file` is the "
          + "BrainIO netCDF file as Brain-Score published it, verified by its sha1. The benchmarks that need it "
          + "become available at once.")
  @PostMapping(value = "/assemblies/{identifier}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  Map<String, Object> importAssembly(@PathVariable String identifier, @RequestPart("file") MultipartFile file,
                                     HttpServletRequest request) throws IOException {
    Callers.require(request, Scope.ADMIN);
    Path staged = stage(file);
    try {
      var assembly = store.importAssembly(identifier, staged);
      return Map.of("identifier", identifier, "imported", true, "rows", assembly.values().length, "properties", assembly.properties());
    } catch (MarquesDataException e) {
      throw problem(e);
    } finally {
      Files.deleteIfExists(staged);
    }
  }

  @Operation(summary = "Import the FreemanZiemba2013 texture stimulus set (admin)",
      description = "`csv` and `zip` of Brain-Score's movshon.FreemanZiemba2013_properties stimulus set, verified "
          + "by their sha1.")
  @PostMapping(value = "/textures", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  Map<String, Object> importTextures(@RequestPart("csv") MultipartFile csv, @RequestPart("zip") MultipartFile zip,
                                     HttpServletRequest request) throws IOException {
    Callers.require(request, Scope.ADMIN);
    Path stagedCsv = stage(csv);
    Path stagedZip = stage(zip);
    try {
      var stimuli = store.importTextureStimuli(stagedCsv, stagedZip);
      return Map.of("identifier", MarquesDataStore.TEXTURES, "imported", true, "stimuli", stimuli.entries().size());
    } catch (MarquesDataException e) {
      throw problem(e);
    } finally {
      Files.deleteIfExists(stagedCsv);
      Files.deleteIfExists(stagedZip);
    }
  }

  private static Path stage(MultipartFile file) throws IOException {
    Path staged = Files.createTempFile("striate-import-", ".part");
    file.transferTo(staged);
    return staged;
  }

  private static ProblemException problem(MarquesDataException e) {
    ProblemStatus status = MarquesDataException.UNKNOWN.equals(e.code()) ? ProblemStatus.NOT_FOUND
        : ProblemStatus.UNPROCESSABLE_ENTITY;
    return new ProblemException(status, e.code(), e.getMessage(), e.field(), e.hint());
  }
}
