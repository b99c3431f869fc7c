package io.striate.submission;

import io.striate.account.Callers;
import io.striate.model.catalog.ModelAccess;
import io.striate.model.catalog.ModelVersion;
import io.striate.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A version by its id alone (what CI scripts and the CLI keep): a redirect to its place under its model. */
@Tag(name = "models", description = "Register models and upload versions")
@RestController
class VersionLinkController {
  private final ModelAccess access;

  VersionLinkController(ModelAccess access) {
    this.access = access;
  }

  @Operation(summary = "A version by id: 307 to /api/v1/models/{modelId}/versions/{versionId}")
  @GetMapping("/api/v1/versions/{versionId}")
  ResponseEntity<Void> version(@PathVariable long versionId, HttpServletRequest request) {
    ModelVersion v = access.version(versionId, Callers.current(request))
        .orElseThrow(() -> ProblemException.notFound("version", versionId));
    return ResponseEntity.status(HttpStatus.TEMPORARY_REDIRECT)
        .location(URI.create("/api/v1/models/" + v.getModelId() + "/versions/" + versionId)).build();
  }
}
