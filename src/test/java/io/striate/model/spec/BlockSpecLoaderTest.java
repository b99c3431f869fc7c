package io.striate.model.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.striate.model.LayerShape;
import io.striate.model.runtime.Fixtures;
import io.striate.model.runtime.InvalidModelException;
import io.striate.model.runtime.LoadedModel;
import io.striate.model.runtime.ModelMetadata;
import io.striate.model.runtime.ModelProblem;
import io.striate.model.runtime.Npz;
import io.striate.model.runtime.TapTensor;
import io.striate.model.runtime.TestEngine;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Standard layers of a block spec against the equivalent PyTorch 1.13 module (tools/spec_fixtures.py): same weights
 * by parameter name, same taps.
 */
class BlockSpecLoaderTest {
  /** float32 convolutions and batch norm, PyTorch 1.13 vs libtorch 2.7.1: summation order only. */
  private static final double MAX_RELATIVE_ERROR = 1e-5;
  private static String specJson;
  private static Map<String, Npz.Array> reference;

  @TempDir
  Path dir;

  @BeforeAll
  static void load() throws Exception {
    try (InputStream in = BlockSpecLoaderTest.class.getResourceAsStream("/fixtures/runtime/spec_stem.json")) {
      specJson = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    reference = Npz.resource("/fixtures/runtime/spec_stem_reference.npz");
  }

  private static BlockSpecLoader loader() {
    return new BlockSpecLoader(TestEngine.get());
  }

  private static Map<String, TapTensor> run(LoadedModel m) {
    Npz.Array x = reference.get("input");
    return TestEngine.get().call(() -> m.network().forward(x.floats(), 2, 32, null));
  }

  @Test
  void tapsMatchPyTorchWithMappedWeights() throws Exception {
    Path weights = Fixtures.copy("spec_stem_weights.npz", dir);
    LoadedModel m = loader().load(specJson, weights, ModelMetadata.EMPTY, "stem");
    try (var network = m.network()) {
      assertThat(m.contract().candidateLayers()).containsExactly("relu1", "pool1", "block1", "out");
      assertThat(m.contract().v1Layer()).isEqualTo("block1");
      assertThat(m.contract().visualDegrees()).isEqualTo(4.0);
      assertThat(m.tapShapes()).containsEntry("block1", new LayerShape(12, 8, 8))
          .containsEntry("out", new LayerShape(16, 8, 8));
      Map<String, TapTensor> out = run(m);
      for (String tap : List.of("relu1", "pool1", "block1", "out")) {
        assertThat(relativeError(out.get(tap).data(), reference.get(tap).values())).as(tap)
            .isLessThan(MAX_RELATIVE_ERROR);
      }
    }
  }

  @Test
  void parametersAreFrozenAndSeededInitialisationIsReproducible() {
    LoadedModel a = loader().load(specJson, null, ModelMetadata.EMPTY, "a");
    LoadedModel b = loader().load(specJson, null, ModelMetadata.EMPTY, "b");
    LoadedModel c = loader().load(specJson.replace("\"seed\": 3", "\"seed\": 4"), null, ModelMetadata.EMPTY, "c");
    try (var na = a.network(); var nb = b.network(); var nc = c.network()) {
      for (Pair<String, Parameter> p : a.network().model().getBlock().getParameters()) {
        assertThat(p.getValue().requiresGradient()).as(p.getKey()).isFalse();
      }
      float[] outA = run(a).get("out").data();
      assertThat(run(b).get("out").data()).containsExactly(outA);
      assertThat(run(c).get("out").data()).isNotEqualTo(outA);
    }
  }

  @Test
  void weightsThatMatchNoParameterAreRejected() throws Exception {
    Path weights = Fixtures.copy("spec_stem_weights.npz", dir);
    String renamed = specJson.replace("\"mixconv\"", "\"mixer\"");
    assertThatThrownBy(() -> loader().load(renamed, weights, ModelMetadata.EMPTY, "x"))
        .isInstanceOfSatisfying(InvalidModelException.class, e -> {
          assertThat(e.problem()).isEqualTo(ModelProblem.INVALID_WEIGHTS);
          assertThat(e.field()).startsWith("/weights/mixconv.");
          assertThat(e.getMessage()).contains("mixconv");
        });
  }

  @Test
  void inputTooSmallForTheLayersIsAShapeMismatch() {
    assertThatThrownBy(() -> loader().load(specJson.replace("\"size\": 32", "\"size\": 8")
        .replace("\"kernel\": 5", "\"kernel\": 31"), null, ModelMetadata.EMPTY, "x"))
        .isInstanceOfSatisfying(InvalidModelException.class,
            e -> assertThat(e.problem()).isIn(ModelProblem.SHAPE_MISMATCH));
  }

  @Test
  void hybridFrontEndFeedsATorchScriptBackbone() throws Exception {
    String hybrid = """
        {"name": "hybrid-test", "input": {"size": 32},
         "layers": [{"type": "avgpool", "name": "front", "kernel": 3, "stride": 1, "padding": 1},
                    {"type": "torchscript", "name": "backbone"}],
         "taps": ["front", "conv1", "conv2"], "v1Layer": "conv1"}""";
    LoadedModel m = loader().load(hybrid, Fixtures.copy("tiny_dict.pt", dir), ModelMetadata.EMPTY, "hybrid");
    try (var network = m.network()) {
      assertThat(m.tapShapes()).containsEntry("front", new LayerShape(3, 32, 32))
          .containsEntry("conv2", new LayerShape(8, 16, 16));
      Map<String, TapTensor> out = run(m);
      // tools/spec_fixtures.py: tiny_dict(avg_pool2d(x, 3, 1, 1)) in PyTorch 1.13
      assertThat(relativeError(out.get("front").data(), reference.get("front").values())).isLessThan(MAX_RELATIVE_ERROR);
      for (String tap : List.of("conv1", "conv2")) {
        assertThat(relativeError(out.get(tap).data(), reference.get("hybrid_" + tap).values())).as(tap)
            .isLessThan(MAX_RELATIVE_ERROR);
      }
    }
  }

  @Test
  void hybridWithoutBackboneIsRejected() {
    String hybrid = """
        {"name": "hybrid-test", "input": {"size": 32},
         "layers": [{"type": "relu", "name": "front"}, {"type": "torchscript", "name": "backbone"}],
         "taps": ["conv1"]}""";
    assertThatThrownBy(() -> loader().load(hybrid, null, ModelMetadata.EMPTY, "h"))
        .isInstanceOfSatisfying(InvalidModelException.class,
            e -> assertThat(e.problem()).isEqualTo(ModelProblem.NOT_TORCHSCRIPT));
  }

  static double relativeError(float[] actual, double[] expected) {
    assertThat(actual).hasSize(expected.length);
    double max = 0;
    double scale = 1e-12;
    for (int i = 0; i < expected.length; i++) {
      max = Math.max(max, Math.abs(actual[i] - expected[i]));
      scale = Math.max(scale, Math.abs(expected[i]));
    }
    return max / scale;
  }
}
