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
 * outputs of the tap layers as an {@link NDList} of arrays named after the taps (in tap order), so a Java-built
 * model answers like a TorchScript model returning {@code Dict[str, Tensor]}.
 */
public final class TapSequence extends AbstractBlock {
  private static final byte VERSION = 1;
  private final List<String> layerNames = new ArrayList<>();
  private final List<String> taps;
  private final int lastTap;

  public TapSequence(List<Map.Entry<String, Block>> layers, List<String> taps) {
    super(VERSION);
    for (Map.Entry<String, Block> layer : layers) {
      layerNames.add(layer.getKey());
      addChildBlock(layer.getKey(), layer.getValue());
    }
    this.taps = List.copyOf(taps);
    int last = -1;
    for (String tap : taps) {
      int index = layerNames.indexOf(tap);
      if (index < 0) throw new IllegalArgumentException("tap " + tap + " is not a layer");
      last = Math.max(last, index);
    }
    this.lastTap = last;
  }

  public List<String> taps() {
    return taps;
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                   PairList<String, Object> params) {
    NDArray[] outputs = new NDArray[taps.size()];
    NDList x = inputs;
    List<Block> children = getChildren().values();
    for (int i = 0; i <= lastTap; i++) { // layers after the last tap are not needed
      x = children.get(i).forward(ps, x, training, params);
      int tap = taps.indexOf(layerNames.get(i));
      if (tap >= 0) {
        NDArray out = x.singletonOrThrow();
        // an identity layer hands its input on: never rename an array the caller or another tap owns
        outputs[tap] = out == inputs.head() || out.getName() != null ? out.duplicate() : out;
        outputs[tap].setName(taps.get(tap));
      }
    }
    return new NDList(outputs);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape[] shapes = inputShapes;
    for (Block child : getChildren().values()) {
      child.initialize(manager, dataType, shapes);
      shapes = child.getOutputShapes(shapes);
    }
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape[] result = new Shape[taps.size()];
    Shape[] shapes = inputShapes;
    List<Block> children = getChildren().values();
    for (int i = 0; i < children.size(); i++) {
      shapes = children.get(i).getOutputShapes(shapes);
      int tap = taps.indexOf(layerNames.get(i));
      if (tap >= 0) result[tap] = shapes[0];
    }
    return result;
  }
}
