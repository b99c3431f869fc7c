package io.striate.model.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.striate.model.runtime.LoadedModel;
import io.striate.model.runtime.ModelMetadata;
import io.striate.model.runtime.Npz;
import io.striate.model.runtime.TapTensor;
import io.striate.model.runtime.TestEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The paper's reference specs against the seed repository's own PyTorch modules (fixtures by
 * tools/pogoncheff_reference.py): the fixture's state dict, with the seed's entry names, loads into the shipped spec
 * and layer1 (and the pooled front end) equal the seed's outputs for the same input.
 */
class PogoncheffParityTest {
  /** Largest |Striate − seed| / max |seed| accepted at layer1 (the bound). */
  static final double MAX_RELATIVE_ERROR = 1e-5;

  @ParameterizedTest
  @ValueSource(strings = {"pogoncheff2023-composite-a", "pogoncheff2023-composite-a-lpp49",
      "pogoncheff2023-composite-b", "pogoncheff2023-composite-c", "pogoncheff2023-composite-d",
      "pogoncheff2023-composite-e", "pogoncheff2023-composite-f", "pogoncheff2023-composite-g",
      "pogoncheff2023-tuned-norm", "pogoncheff2023-div-norm", "pogoncheff2023-center-surround",
      "pogoncheff2023-local-rf", "pogoncheff2023-cortical-magnification", "pogoncheff2023-resnet50"})
  void layer1MatchesTheSeedModel(String name, @TempDir Path dir) throws Exception {
    Path weights = dir.resolve("w.safetensors");
    int entries = PogoncheffFixture.writeSafetensors(name, weights);
    Map<String, Npz.Array> expected = PogoncheffFixture.arrays(name);
    float[] input = PogoncheffFixture.arrays("pogoncheff2023-composite-a").get("input").floats();
    // also tap the pooled front end (polar transform or max-pool) to report its parity
    var tree = (tools.jackson.databind.node.ObjectNode) tools.jackson.databind.json.JsonMapper.builder().build()
        .readTree(ReferenceSpecs.json(name).orElseThrow());
    // V1 is layer1 ("4" in the seed's nn.Sequential model); the pooled front end is the top-level layer before it
    String v1 = tree.get("v1Layer").asString();
    String before = null;
    for (var layer : tree.get("layers")) {
      if (layer.path("name").asString().equals(v1)) {
        break;
      }
      before = layer.path("name").asString();
    }
    String pool = before;
    tree.putArray("taps").add(pool).add(v1);
    LoadedModel model = new BlockSpecLoader(TestEngine.get()).load(tree.toString(), weights, ModelMetadata.EMPTY,
        name);
    try {
      Map<String, TapTensor> out = TestEngine.get().call(() -> model.network().forward(input, 1, 64,
          List.of(pool, v1)));
      double pooled = relativeError(out.get(pool).data(), expected.get("pooled"));
      double error = relativeError(out.get(v1).data(), expected.get("layer1"));
      System.out.printf("%s: %d entries, max relative error %s %.3g, layer1 %.3g%n", name, entries, pool, pooled,
          error);
      assertThat(pooled).isLessThan(MAX_RELATIVE_ERROR);
      assertThat(error).isLessThan(MAX_RELATIVE_ERROR);
    } finally {
      model.network().close();
    }
  }

  /** max |a − b| / max |b| over b's elements (b may hold only the first channels of a, C order per image). */
  static double relativeError(float[] actual, Npz.Array reference) {
    double diff = 0;
    double scale = 0;
    double[] b = reference.values();
    for (int i = 0; i < b.length; i++) {
      diff = Math.max(diff, Math.abs(actual[i] - b[i]));
      scale = Math.max(scale, Math.abs(b[i]));
    }
    return diff / scale;
  }
}
