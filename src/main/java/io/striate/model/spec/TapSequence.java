package io.striate.model.spec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The top level of a compiled block spec: runs its layers in order, {@code x_{i+1} = layer_i(x_i)}, and returns the
 * outputs of the tap layers as an {@link NDList} of arrays named after the taps, so a Java-built model answers like a
 * TorchScript model returning {@code Dict[str, Tensor]}. In a hybrid the last layer is a TorchScript backbone
 * ({@code backbone = true}) whose named outputs are all passed on; taps may then name its dict keys. Layers after
 * the last tap are skipped.
 */
public final class TapSequence extends AbstractBlock {
  private static final byte VERSION = 1;
  private final List<String> layerNames = new ArrayList<>();
  private final List<String> taps;
  private final boolean backbone;
  private final int lastLayer;

  /**
   * @param layers   named layers in order
   * @param taps     tap names: layer names, or (with a backbone) keys of the backbone's output dict
   * @param backbone whether the last layer is a TorchScript backbone returning named outputs
   */
  public TapSequence(List<Map.Entry<String, Block>> layers, List<String> taps, boolean backbone) {
    super(VERSION);
    for (Map.Entry<String, Block> layer : layers) {
      layerNames.add(layer.getKey());
      addChildBlock(layer.getKey(), layer.getValue());
    }
    this.taps = List.copyOf(taps);
    this.backbone = backbone;
    int last = -1;
    for (String tap : taps) {
      int index = layerNames.indexOf(tap);
      if (index < 0 && !backbone) throw new IllegalArgumentException("tap " + tap + " is not a layer");
      last = Math.max(last, index < 0 ? layerNames.size() - 1 : index);
    }
    this.lastLayer = last;
  }

  public List<String> taps() {
    return taps;
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                   PairList<String, Object> params) {
    NDList result = new NDList();
    NDList x = inputs;
    List<Block> children = getChildren().values();
    for (int i = 0; i <= lastLayer; i++) {
      x = children.get(i).forward(ps, x, training, params);
      if (backbone && i == children.size() - 1) {
        result.addAll(x); // named by the backbone's dict keys
      } else if (taps.contains(layerNames.get(i))) {
        NDArray out = x.singletonOrThrow();
        // an identity layer hands its input on: never rename an array the caller or another tap owns
        NDArray named = out == inputs.head() || out.getName() != null ? out.duplicate() : out;
        named.setName(layerNames.get(i));
        result.add(named);
      }
    }
    return result;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape[] shapes = inputShapes;
    List<Block> children = getChildren().values();
    for (int i = 0; i < children.size(); i++) {
      children.get(i).initialize(manager, dataType, shapes);
      if (i < children.size() - 1) shapes = children.get(i).getOutputShapes(shapes);
    }
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    List<Shape> result = new ArrayList<>();
    Shape[] shapes = inputShapes;
    List<Block> children = getChildren().values();
    int end = backbone ? children.size() - 1 : children.size();
    for (int i = 0; i < end; i++) {
      shapes = children.get(i).getOutputShapes(shapes);
      if (taps.contains(layerNames.get(i))) result.add(shapes[0]);
    }
    if (backbone) {
      throw new UnsupportedOperationException("output shapes of a TorchScript backbone are known only by running it");
    }
    return result.toArray(Shape[]::new);
  }
}
