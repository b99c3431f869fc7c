package io.striate.model.spec;

import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Compiles a validated {@link BlockSpec} into DJL blocks: standard layers map to DJL's own ({@code conv2d} →
 * {@link Conv2d}, {@code batchnorm} → {@link BatchNorm} (eval: running statistics), {@code relu}, {@code maxpool},
 * {@code avgpool} (padding counted, as PyTorch), {@code globalavgpool}, {@code flatten}, {@code linear} →
 * {@link Linear}, {@code sequential} (layers in order), {@code residual} → {@code act(f(x) + shortcut(x))},
 * {@code branches} → {@link ParallelBlock} with channel concatenation or sum); biological layers come from
 * {@link BiologicalLayers}. The result records every named layer so weights can be mapped onto it by name.
 */
public final class BlockSpecCompiler {
  /** Layer type of an uploaded TorchScript backbone in a hybrid spec. */
  public static final String TORCHSCRIPT = "torchscript";
  private final BiologicalLayers biological;

  public BlockSpecCompiler(BiologicalLayers biological) {
    this.biological = biological;
  }

  /**
   * @param network the top-level block returning the taps
   * @param named   every named layer of the tree, by name (for weights)
   */
  public record Compiled(TapSequence network, Map<String, Block> named) {
  }

  /** Compiles a spec without a TorchScript backbone. */
  public Compiled compile(BlockSpec spec) {
    return compile(spec, null);
  }

  /**
   * @param backbone the loaded TorchScript block for a {@code torchscript} layer (the last one), or null
   */
  public Compiled compile(BlockSpec spec, Block backbone) {
    Map<String, Block> named = new LinkedHashMap<>();
    List<Map.Entry<String, Block>> top = new ArrayList<>();
    long seed = spec.seedOrDefault();
    for (int i = 0; i < spec.layers().size(); i++) {
      JsonNode layer = spec.layers().get(i);
      Block block;
      if (layer.get("type").asString().equals(TORCHSCRIPT)) {
        if (backbone == null || i != spec.layers().size() - 1) {
          throw BlockSpecValidator.invalid("/layers/" + i, "a torchscript layer must be the last layer and needs "
              + "the TorchScript backbone uploaded as the artifact");
        }
        block = backbone;
      } else {
        block = layer(layer, "/layers/" + i, seed + i, spec, named);
      }
      String name = layer.hasNonNull("name") ? layer.get("name").asString() : String.format("%s_%d",
          layer.get("type").asString(), i);
      top.add(new AbstractMap.SimpleEntry<>(name, block));
    }
    return new Compiled(new TapSequence(top, spec.taps(), backbone != null), named);
  }

  private Block layer(JsonNode node, String pointer, long seed, BlockSpec spec, Map<String, Block> named) {
    String type = node.get("type").asString();
    Block block = switch (type) {
      case "identity" -> Blocks.identityBlock();
      case "relu" -> Activation.reluBlock();
      case "conv2d" -> {
        int k = node.get("kernel").asInt();
        int s = node.path("stride").asInt(1);
        int p = node.path("padding").asInt(0);
        yield Conv2d.builder().setKernelShape(new Shape(k, k)).setFilters(node.get("outChannels").asInt())
            .optStride(new Shape(s, s)).optPadding(new Shape(p, p)).optGroups(node.path("groups").asInt(1))
            .optBias(node.path("bias").asBoolean(true)).build();
      }
      case "batchnorm" -> BatchNorm.builder().optEpsilon((float) node.path("eps").asDouble(1e-5)).build();
      case "maxpool", "avgpool" -> {
        int k = node.get("kernel").asInt();
        int s = node.path("stride").asInt(k);
        int p = node.path("padding").asInt(0);
        yield type.equals("maxpool") ? Pool.maxPool2dBlock(new Shape(k, k), new Shape(s, s), new Shape(p, p))
            : Pool.avgPool2dBlock(new Shape(k, k), new Shape(s, s), new Shape(p, p));
      }
      case "residual" -> residual(node, pointer, seed, spec, named);
      case "sequential" -> sequence(node.get("layers"), pointer + "/layers", seed, spec, named);
      case "globalavgpool" -> Pool.globalAvgPool2dBlock();
      case "flatten" -> Blocks.batchFlattenBlock();
      case "linear" -> Linear.builder().setUnits(node.get("units").asLong()).optBias(node.path("bias").asBoolean(true))
          .build();
      case "branches" -> branches(node, pointer, seed, spec, named);
      case TORCHSCRIPT -> throw BlockSpecValidator.invalid(pointer, "a torchscript layer must be the last top-level "
          + "layer");
      default -> biological.create(type, node, pointer, seed, spec);
    };
    if (node.hasNonNull("name")) {
      named.put(node.get("name").asString(), block);
    }
    return block;
  }

  private Block sequence(JsonNode layers, String pointer, long seed, BlockSpec spec, Map<String, Block> named) {
    SequentialBlock seq = new SequentialBlock();
    for (int i = 0; i < layers.size(); i++) {
      seq.add(layer(layers.get(i), pointer + "/" + i, seed * 31 + i, spec, named));
    }
    return seq;
  }

  private Block residual(JsonNode node, String pointer, long seed, BlockSpec spec, Map<String, Block> named) {
    Block main = sequence(node.get("layers"), pointer + "/layers", seed, spec, named);
    JsonNode shortcutNode = node.get("shortcut");
    Block shortcut = shortcutNode == null || shortcutNode.isEmpty() ? Blocks.identityBlock()
        : sequence(shortcutNode, pointer + "/shortcut", seed + 7, spec, named);
    Block sum = new ParallelBlock(list -> new NDList(list.get(0).singletonOrThrow().add(list.get(1).singletonOrThrow())),
        List.of(main, shortcut));
    if (node.path("activation").asString("relu").equals("none")) {
      return sum;
    }
    return new SequentialBlock().add(sum).add(Activation.reluBlock());
  }

  private Block branches(JsonNode node, String pointer, long seed, BlockSpec spec, Map<String, Block> named) {
    List<Block> branches = new ArrayList<>();
    JsonNode list = node.get("branches");
    for (int b = 0; b < list.size(); b++) {
      branches.add(sequence(list.get(b), pointer + "/branches/" + b, seed * 17 + b, spec, named));
    }
    boolean add = node.path("merge").asString("concat").equals("add");
    return new ParallelBlock(outs -> {
      NDList arrays = new NDList();
      for (NDList o : outs) arrays.add(o.singletonOrThrow());
      if (add) {
        var sum = arrays.get(0);
        for (int i = 1; i < arrays.size(); i++) sum = sum.add(arrays.get(i));
        return new NDList(sum);
      }
      return new NDList(NDArrays.concat(arrays, 1));
    }, branches);
  }
}
