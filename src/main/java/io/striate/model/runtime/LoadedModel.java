package io.striate.model.runtime;

import io.striate.model.LayerShape;
import io.striate.model.ModelContract;
import java.util.Map;

/**
 * A model ready to run: its network, its contract and the per-image shape of every tap (measured by one forward
 * pass at the input size).
 */
public record LoadedModel(TapNetwork network, ModelContract contract, Map<String, LayerShape> tapShapes,
                          String description) {
  public LoadedModel {
    tapShapes = Map.copyOf(tapShapes);
  }
}
