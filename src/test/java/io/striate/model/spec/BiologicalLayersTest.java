package io.striate.model.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.striate.model.blocks.VOneBlock;
import io.striate.model.runtime.InvalidModelException;
import io.striate.model.runtime.ModelProblem;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Block-spec JSON of every biological layer type compiles to the block, runs, and reports errors at a pointer. */
class BiologicalLayersTest {
  /** max|djl − torch| / max|torch|, the bound of the block fixtures. */
  private static final double MAX_RELATIVE_ERROR = 1e-5;
  private final BlockSpecValidator validator = new BlockSpecValidator();
  private final BlockSpecCompiler compiler = new BlockSpecCompiler(new BiologicalLayers());

  private static String spec(String layer) {
    return """
        {"name": "t", "input": {"size": 32, "visualDegrees": 4}, "seed": 3,
         "layers": [{"type": "conv2d", "name": "c", "outChannels": 8, "kernel": 3, "padding": 1}, %s],
         "taps": ["out"]}""".formatted(layer);
  }

  private Shape run(String layer) {
    BlockSpecCompiler.Compiled compiled = compiler.compile(validator.parse(spec(layer)));
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      compiled.network().initialize(m, DataType.FLOAT32, new Shape(2, 3, 32, 32));
      NDList out = compiled.network().forward(new ParameterStore(m, false),
          new NDList(m.randomUniform(0, 1, new Shape(2, 3, 32, 32))), false);
      Shape shape = out.singletonOrThrow().getShape();
      assertThat(compiled.network().getOutputShapes(new Shape[] {new Shape(2, 3, 32, 32)})[0]).isEqualTo(shape);
      return shape;
    }
  }

  @Test
  void everyBiologicalTypeBuildsAndRuns() {
    assertThat(run("{\"type\": \"dog\", \"name\": \"out\", \"dogChannels\": 2}")).isEqualTo(new Shape(2, 8, 32, 32));
    assertThat(run("{\"type\": \"dog\", \"name\": \"out\", \"dogChannels\": 8, \"depthwise\": true, \"halfWidth\": 3}"))
        .isEqualTo(new Shape(2, 8, 32, 32));
    assertThat(run("{\"type\": \"locally-connected\", \"name\": \"out\", \"outChannels\": 4, \"kernel\": 3, "
        + "\"stride\": 2, \"padding\": 1}")).isEqualTo(new Shape(2, 4, 16, 16));
    assertThat(run("{\"type\": \"tuned-normalization\", \"name\": \"out\"}")).isEqualTo(new Shape(2, 8, 32, 32));
    assertThat(run("{\"type\": \"divisive-normalization\", \"name\": \"out\", \"kernel\": 5}"))
        .isEqualTo(new Shape(2, 8, 32, 32));
    assertThat(run("{\"type\": \"cortical-magnification\", \"name\": \"out\", \"radiusBins\": [0, 1, 2, 4, 8, 12], "
        + "\"angles\": 12, \"outputSize\": [10, 14]}")).isEqualTo(new Shape(2, 8, 10, 14));
    assertThat(run("{\"type\": \"gabor\", \"name\": \"out\", \"filters\": 6, \"inChannels\": 8, \"kernel\": 9}"))
        .isEqualTo(new Shape(2, 6, 8, 8));
  }

  @Test
  void voneReadsTheVisualFieldFromTheInputSpec() {
    String json = """
        {"name": "v", "input": {"size": 32, "visualDegrees": 4}, "seed": 3,
         "layers": [{"type": "vone", "name": "out", "simpleChannels": 3, "complexChannels": 2, "kernel": 7,
                     "noise": "none"}], "taps": ["out"]}""";
    VOneBlock a = (VOneBlock) compiler.compile(validator.parse(json)).named().get("out");
    VOneBlock b = (VOneBlock) compiler.compile(validator.parse(json)).named().get("out");
    assertThat(a.cells().frequency()).containsExactly(b.cells().frequency()); // seeded
    // f (cycles/pixel) = sf (cycles/degree) · degrees / size; sf ≥ 0.5 cycles/° → f ≥ 0.5 · 4 / 32
    for (double f : a.cells().frequency()) assertThat(f).isBetween(0.5 * 4 / 32 - 1e-12, 8.0 * 4 / 32 + 1e-12);
    String reseeded = json.replace("\"noise\": \"none\"", "\"noise\": \"none\", \"seed\": 99");
    VOneBlock c = (VOneBlock) compiler.compile(validator.parse(reseeded)).named().get("out");
    assertThat(c.cells().frequency()).isNotEqualTo(a.cells().frequency());
  }

  @Test
  void blockConfigurationErrorsPointAtTheField() {
    assertInvalid("{\"type\": \"cortical-magnification\", \"name\": \"out\", \"radiusBins\": [0, 4, 2], "
        + "\"angles\": 12, \"outputSize\": [10, 10]}", "/spec/layers/1/radiusBins");
    assertInvalid("{\"type\": \"vone\", \"name\": \"out\", \"sfMin\": 9, \"sfMax\": 10}", "/spec/layers/1/sfMax");
  }

  @Test
  void schemaRejectsUnknownAndMissingBlockParameters() {
    assertThatThrownBy(() -> validator.parse(spec("{\"type\": \"dog\", \"name\": \"out\", \"dogChannel\": 2}")))
        .isInstanceOf(InvalidModelException.class);
    assertThatThrownBy(() -> validator.parse(spec("{\"type\": \"locally-connected\", \"name\": \"out\", \"kernel\": 3}")))
        .isInstanceOf(InvalidModelException.class);
    assertThatThrownBy(() -> validator.parse(spec("{\"type\": \"vone\", \"name\": \"out\", \"noise\": \"gaussian\"}")))
        .isInstanceOf(InvalidModelException.class);
  }

  /** PyTorch DoG parameters ({@code fixtures/blocks/dog_spec_weights.npz}, tools/block_fixtures.py) by name. */
  @Test
  void specWeightsLoadIntoBiologicalParametersByName(@TempDir Path dir) throws Exception {
    String json = """
        {"name": "w", "input": {"size": 16}, "layers": [{"type": "dog", "name": "cs", "dogChannels": 4}],
         "taps": ["cs"]}""";
    BlockSpecCompiler.Compiled compiled = compiler.compile(validator.parse(json));
    Path weights = dir.resolve("w.npz");
    try (InputStream in = getClass().getResourceAsStream("/fixtures/blocks/dog_spec_weights.npz")) {
      Files.copy(in, weights);
    }
    try (NDManager m = NDManager.newBaseManager("PyTorch");
         InputStream in = getClass().getResourceAsStream("/fixtures/blocks/dog.npz")) {
      NDArray x = null;
      NDArray expected = null;
      for (NDArray a : NDList.decode(m, in)) {
        if (a.getName().startsWith("x")) x = a;
        if (a.getName().startsWith("out")) expected = a;
      }
      compiled.network().initialize(m, DataType.FLOAT32, x.getShape());
      assertThat(SpecWeights.load(weights, compiled.named(), m)).isEqualTo(4);
      NDArray out = compiled.named().get("cs").forward(new ParameterStore(m, false), new NDList(x), false)
          .singletonOrThrow();
      double diff = out.sub(expected).abs().max().getFloat() / expected.abs().max().getFloat();
      assertThat(diff).isLessThan(MAX_RELATIVE_ERROR);
    }
  }

  private void assertInvalid(String layer, String field) {
    assertThatThrownBy(() -> compiler.compile(validator.parse(spec(layer))))
        .isInstanceOfSatisfying(InvalidModelException.class, e -> {
          assertThat(e.problem()).isEqualTo(ModelProblem.INVALID_SPEC);
          assertThat(e.field()).as(e.getMessage()).isEqualTo(field);
        });
  }
}
