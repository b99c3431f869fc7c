package io.striate.submission;

import io.striate.problem.ProblemStatus;
import io.striate.problem.ProblemException;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Resolves {@code "reference": "<name>"} in a version request to a block spec shipped in the jar. */
@Component
class ReferenceSpecs {
  private final JsonMapper json;

  ReferenceSpecs(JsonMapper json) {
    this.json = json;
  }

  JsonNode load(String name) {
    return io.striate.model.spec.ReferenceSpecs.json(name).map(json::readTree)
        .orElseThrow(() -> new ProblemException(ProblemStatus.BAD_REQUEST, "unknown-reference", "No reference spec '" + name
            + "'", "/reference", "Shipped specs: " + io.striate.model.spec.ReferenceSpecs.NAMES,
            Map.of("valid", io.striate.model.spec.ReferenceSpecs.NAMES)));
  }
}
