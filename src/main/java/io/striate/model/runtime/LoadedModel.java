package io.striate.model.runtime;

import io.striate.model.LayerShape;
import io.striate.model.ModelContract;
import java.util.Map;

/**
 * A model ready to run: its network, its contract, the per-image shape of every tap (measured by one forward
 * pass at the input size) and, for a block spec whose layers all have a finite, position-independent support, those
 * supports ({@code crop}, else null), so a pass for a few units can run on the input window they depend on.
 */
public record LoadedModel(TapNetwork network, ModelContract contract, Map<String, LayerShape> tapShapes,
                          String description, CropSupport crop) {
  public LoadedModel {
    tapShapes = Map.copyOf(tapShapes);
  }

  public LoadedModel(TapNetwork network, ModelContract contract, Map<String, LayerShape> tapShapes,
                     String description) {
    this(network, contract, tapShapes, description, null);
  }
}
