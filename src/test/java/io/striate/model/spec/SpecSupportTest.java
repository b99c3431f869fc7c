package io.striate.model.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SpecSupportTest {
  /** Every layer type of the block-spec schema: the croppable set is exactly the types with a support step. */
  @Test
  void theCroppableTypesAreTheTypesWithASupportStep() {
    JsonNode minimal = JsonMapper.builder().build().readTree("{\"kernel\": 3, \"noise\": \"none\"}");
    List<String> all = new ArrayList<>(SpecSupport.CROPPABLE_TYPES);
    all.addAll(List.of("cortical-magnification", "globalavgpool", "flatten", "linear", "locally-connected",
        "sequential", "residual", "branches", "torchscript"));
    for (String type : all) {
      boolean steps = SpecSupport.step(minimal, type, new ArrayList<>()) == null;
      assertThat(steps).as(type).isEqualTo(SpecSupport.CROPPABLE_TYPES.contains(type));
    }
  }
}
