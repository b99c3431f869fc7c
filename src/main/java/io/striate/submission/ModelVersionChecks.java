package io.striate.submission;

import io.striate.problem.ProblemStatus;
import io.striate.model.ModelSource;
import io.striate.model.preflight.Preflight;
import io.striate.model.preflight.PreflightResult;
import io.striate.model.runtime.InvalidModelException;
import io.striate.problem.ProblemException;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The synchronous checks a new model version passes before it is stored: the model runtime's preflight (the archive
 * opens, the model loads on CPU, a dummy forward at the declared input size succeeds in time, the declared taps exist
 * and have at least 25 units; memory and time per image are estimated). Untrusted uploads are checked in a child JVM
 * by default, so a model that crashes the native library cannot take the API down.
 */
@Component
class ModelVersionChecks {
  private final Preflight preflight;
  private final JsonMapper json;

  ModelVersionChecks(Preflight preflight, JsonMapper json) {
    this.preflight = preflight;
    this.json = json;
  }

  /**
   * @return the preflight report stored with the version (engine, taps with shapes, estimates)
   * @throws ProblemException 422 with the preflight's stable code, field and hint when the model is not acceptable
   */
  JsonNode check(ModelSource candidate) {
    try {
      PreflightResult result = preflight.check(candidate);
      return json.valueToTree(result);
    } catch (InvalidModelException e) {
      String field = candidate.kind() == ModelSource.Kind.TORCHSCRIPT && "/artifact".equals(e.field()) ? "file"
          : e.field();
      throw new ProblemException(ProblemStatus.UNPROCESSABLE_ENTITY, e.code(), e.getMessage(), field, e.hint(), Map.of());
    }
  }
}
