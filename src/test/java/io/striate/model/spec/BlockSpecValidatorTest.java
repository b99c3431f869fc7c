package io.striate.model.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.striate.model.runtime.InvalidModelException;
import io.striate.model.runtime.ModelProblem;
import org.junit.jupiter.api.Test;

/** Schema and semantic checks of block specs, with the JSON pointer of the offending field. */
class BlockSpecValidatorTest {
  private final BlockSpecValidator validator = new BlockSpecValidator();

  private static String spec(String layers, String taps) {
    return """
        {"name": "t", "input": {"size": 32}, "layers": %s, "taps": %s}""".formatted(layers, taps);
  }

  @Test
  void acceptsAMinimalSpec() {
    BlockSpec s = validator.parse(spec("[{\"type\":\"identity\",\"name\":\"pixels\"}]", "[\"pixels\"]"));
    assertThat(s.taps()).containsExactly("pixels");
    assertThat(s.metadata().inputSize()).isEqualTo(32);
    assertThat(s.seedOrDefault()).isZero();
  }

  @Test
  void unknownLayerTypeIsReportedAtItsPointer() {
    assertInvalid(spec("[{\"type\":\"conv3d\",\"name\":\"a\"}]", "[\"a\"]"), "/spec/layers/0/type");
  }

  @Test
  void missingRequiredParameterIsReported() {
    assertInvalid(spec("[{\"type\":\"conv2d\",\"name\":\"a\",\"kernel\":3}]", "[\"a\"]"), "/spec/layers/0");
  }

  @Test
  void misspelledParameterIsReported() {
    assertInvalid(spec("[{\"type\":\"conv2d\",\"name\":\"a\",\"kernel\":3,\"outChannels\":4,\"strides\":2}]",
        "[\"a\"]"), "/spec/layers/0/strides"); // the unknown field itself
  }

  @Test
  void nestedErrorsPointIntoTheTree() {
    assertInvalid(spec("[{\"type\":\"residual\",\"name\":\"r\",\"layers\":[{\"type\":\"maxpool\",\"kernel\":0}]}]",
        "[\"r\"]"), "/spec/layers/0/layers/0/kernel");
  }

  @Test
  void duplicateNamesAnywhereInTheTreeAreRejected() {
    assertInvalid(spec("[{\"type\":\"relu\",\"name\":\"a\"},{\"type\":\"residual\",\"name\":\"r\","
        + "\"layers\":[{\"type\":\"relu\",\"name\":\"a\"}]}]", "[\"r\"]"), "/spec/layers/1/layers/0/name");
  }

  @Test
  void tapsMustNameTopLevelLayers() {
    assertInvalid(spec("[{\"type\":\"residual\",\"name\":\"r\",\"layers\":[{\"type\":\"relu\",\"name\":\"inner\"}]}]",
        "[\"r\",\"inner\"]"), "/spec/taps/1");
  }

  @Test
  void notJsonIsInvalid() {
    assertInvalid("{\"name\": ", "/spec");
  }

  private void assertInvalid(String json, String field) {
    assertThatThrownBy(() -> validator.parse(json)).isInstanceOfSatisfying(InvalidModelException.class, e -> {
      assertThat(e.problem()).isEqualTo(ModelProblem.INVALID_SPEC);
      assertThat(e.field()).as(e.getMessage()).isEqualTo(field);
    });
  }
}
