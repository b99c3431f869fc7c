package io.striate.model.torchscript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.striate.model.LayerShape;
import io.striate.model.runtime.Fixtures;
import io.striate.model.runtime.InvalidModelException;
import io.striate.model.runtime.LoadedModel;
import io.striate.model.runtime.ModelMetadata;
import io.striate.model.runtime.ModelProblem;
import io.striate.model.runtime.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader on TorchScript files made by Debian torch 1.13 (tools/runtime_fixtures.py), positive and negative. */
class TorchScriptLoaderTest {
  @TempDir
  Path dir;

  private LoadedModel load(String fixture, ModelMetadata submitted) throws Exception {
    return new TorchScriptLoader(TestEngine.get()).load(Fixtures.copy(fixture, dir), submitted, fixture);
  }

  private static ModelMetadata taps(String... taps) {
    return new ModelMetadata(null, null, null, null, List.of(taps), null, null, null);
  }

  @Test
  void dictOutputWithArchivedMetadata() throws Exception {
    LoadedModel m = load("tiny_dict.pt", ModelMetadata.EMPTY);
    try (var network = m.network()) {
      assertThat(m.contract().inputSize()).isEqualTo(32);
      assertThat(m.contract().candidateLayers()).containsExactly("conv1", "pool1", "conv2");
      assertThat(m.contract().v1Layer()).isEqualTo("conv1");
      assertThat(m.contract().mean()).containsExactly(0.485f, 0.456f, 0.406f);
      // TinyNet at 32 px: conv1 4x32x32, pool1 4x16x16, conv2 8x16x16, fc 10
      assertThat(m.tapShapes()).containsEntry("conv1", new LayerShape(4, 32, 32))
          .containsEntry("pool1", new LayerShape(4, 16, 16)).containsEntry("conv2", new LayerShape(8, 16, 16))
          .containsEntry("fc", new LayerShape(10, 1, 1));
    }
  }

  @Test
  void submissionMetadataOverridesArchive() throws Exception {
    LoadedModel m = load("tiny_dict.pt", new ModelMetadata(null, null, null, 4.0, List.of("conv2"), null, 3, null));
    try (var network = m.network()) {
      assertThat(m.contract().candidateLayers()).containsExactly("conv2");
      assertThat(m.contract().visualDegrees()).isEqualTo(4.0);
      assertThat(m.contract().trials()).isEqualTo(3);
      assertThat(m.contract().inputSize()).isEqualTo(32);
    }
  }

  @Test
  void singleTensorOutputIsNamedByTheOnlyTap() throws Exception {
    LoadedModel m = load("tiny_tensor.pt", new ModelMetadata(32, null, null, null, List.of("relu1"), null, null, null));
    try (var network = m.network()) {
      assertThat(m.tapShapes()).containsOnlyKeys("relu1").containsEntry("relu1", new LayerShape(4, 32, 32));
    }
  }

  @Test
  void singleTensorWithoutMetadataIsCalledOutputAtDefaultSize() throws Exception {
    LoadedModel m = load("tiny_tensor.pt", ModelMetadata.EMPTY);
    try (var network = m.network()) {
      assertThat(m.contract().inputSize()).isEqualTo(ModelMetadata.DEFAULT_INPUT_SIZE);
      assertThat(m.tapShapes()).containsEntry(TorchScriptLoader.SINGLE_OUTPUT, new LayerShape(4, 224, 224));
    }
  }

  @Test
  void exportedActivationsMethodIsPreferred() throws Exception {
    LoadedModel m = load("tiny_activations.pt", ModelMetadata.EMPTY);
    try (var network = m.network()) {
      assertThat(m.tapShapes()).containsOnlyKeys("conv1", "pool1", "conv2", "fc");
      assertThat(m.description()).contains("activations");
    }
  }

  @Test
  void exportToolOutputLoads() throws Exception {
    LoadedModel m = load("tiny_fx.pt", ModelMetadata.EMPTY);
    try (var network = m.network()) {
      // Stem: conv 5x5 stride 2 -> 6x16x16 at 32 px
      assertThat(m.contract().candidateLayers()).containsExactly("relu", "layer1");
      assertThat(m.contract().v1Layer()).isEqualTo("layer1");
      assertThat(m.tapShapes()).containsEntry("layer1", new LayerShape(6, 16, 16));
    }
  }

  @Test
  void pickledStateDictIsNotTorchScript() {
    assertProblem("neg_state_dict.pt", ModelMetadata.EMPTY, ModelProblem.NOT_TORCHSCRIPT);
  }

  @Test
  void nonZipIsNotTorchScript() throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.pt"), "not a model");
    assertThatThrownBy(() -> new TorchScriptLoader(TestEngine.get()).load(junk, ModelMetadata.EMPTY, "junk"))
        .isInstanceOfSatisfying(InvalidModelException.class,
            e -> assertThat(e.problem()).isEqualTo(ModelProblem.NOT_TORCHSCRIPT));
  }

  @Test
  void unregisteredOperatorIsRejected() {
    assertProblem("neg_unknown_op.pt", ModelMetadata.EMPTY, ModelProblem.UNKNOWN_OPERATOR);
  }

  @Test
  void nestedDictIsWrongOutputType() {
    assertProblem("neg_nested_dict.pt", taps("block"), ModelProblem.WRONG_OUTPUT_TYPE);
  }

  @Test
  void nonTensorOutputIsWrongOutputType() {
    assertProblem("neg_non_tensor.pt", taps("size"), ModelProblem.WRONG_OUTPUT_TYPE);
  }

  @Test
  void undeclaredTapIsMissing() {
    assertThatThrownBy(() -> load("tiny_dict.pt", taps("conv1", "layer9")))
        .isInstanceOfSatisfying(InvalidModelException.class, e -> {
          assertThat(e.problem()).isEqualTo(ModelProblem.MISSING_TAP);
          assertThat(e.field()).isEqualTo("/taps/1");
          assertThat(e.getMessage()).contains("layer9").contains("conv2");
        });
  }

  @Test
  void wrongInputSizeIsShapeMismatch() {
    // fc expects 8x8x8 features, i.e. a 32 px input
    assertProblem("tiny_dict.pt", new ModelMetadata(48, null, null, null, null, null, null, null),
        ModelProblem.SHAPE_MISMATCH);
  }

  private void assertProblem(String fixture, ModelMetadata md, ModelProblem problem) {
    assertThatThrownBy(() -> load(fixture, md)).isInstanceOfSatisfying(InvalidModelException.class,
        e -> assertThat(e.problem()).as(e.getMessage()).isEqualTo(problem));
  }
}
