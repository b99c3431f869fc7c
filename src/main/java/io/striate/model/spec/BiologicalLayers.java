package io.striate.model.spec;

import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Builds the biological blocks of {@code io.striate.model.blocks} from their block-spec JSON.
 */
public final class BiologicalLayers {
  /**
   * @param type    layer type, e.g. {@code vone}
   * @param node    the layer's JSON (validated against the schema)
   * @param pointer JSON pointer of the layer, for errors
   * @param seed    seed derived from the spec's seed and the layer position
   */
  public Block create(String type, JsonNode node, String pointer, long seed, BlockSpec spec) {
    throw BlockSpecValidator.invalid(pointer + "/type", "layer type '" + type + "' is not available yet");
  }
}
