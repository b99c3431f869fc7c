package io.striate.model.spec;

import io.striate.model.runtime.CropSupport;
import io.striate.model.runtime.InputSupport;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The input support ({@link InputSupport}) of a block spec's taps, read from the layers' parameters, or why a tap has
 * none that a crop could use:
 * <ul>
 *   <li>pointwise in space (step 1/1/0): {@code identity}, {@code relu}, {@code batchnorm} (eval: running
 *       statistics), {@code tuned-normalization} (a 1×1 convolution across channels);</li>
 *   <li>windows: {@code conv2d}, {@code maxpool}, {@code avgpool} (kernel, stride, padding; the compiler builds no
 *       dilation and floor mode), {@code dog} (kernel 2h+1, stride 1, padding h), {@code divisive-normalization}
 *       (kernel K, stride 1, padding ⌊K/2⌋), {@code gabor} and {@code vone} (kernel k, stride s, padding ⌊k/2⌋;
 *       VOneBlock only without noise, whose random draw has the shape of the whole map);</li>
 *   <li>none: {@code cortical-magnification}, {@code globalavgpool}, {@code flatten}, {@code linear} (global),
 *       {@code locally-connected} (finite, but its weights differ per output position: a crop would need the
 *       weights of the cropped positions), nested {@code sequential}/{@code residual}/{@code branches},
 *       a {@code torchscript} backbone, and any other type.</li>
 * </ul>
 */
public final class SpecSupport {
  private SpecSupport() {
  }

  /**
   * The layer types a crop runs on a window (given their settings allow it: {@code vone} without noise); the types
   * of {@link #step}'s windowed and pointwise cases.
   */
  public static final java.util.Set<String> CROPPABLE_TYPES = java.util.Set.of("identity", "relu", "batchnorm",
      "tuned-normalization", "conv2d", "maxpool", "avgpool", "dog", "divisive-normalization", "gabor", "vone");

  /**
   * @param support  the supports of the spec's taps, or null
   * @param fallback when null: the first layer (pointer and type) that has no usable support, and why
   */
  public record Result(CropSupport support, String fallback) {
  }

  /**
   * The supports of every tap of {@code spec}; none unless every layer up to the last tap has one (the network
   * runs all of them, whichever tap is read).
   */
  public static Result of(BlockSpec spec) {
    if (spec.trials() != null && spec.trials() > 1) {
      return new Result(null, "a stochastic spec (trials " + spec.trials() + ")");
    }
    List<InputSupport.Step> steps = new ArrayList<>();
    java.util.Map<String, Integer> depth = new java.util.LinkedHashMap<>();
    for (int i = 0; i < spec.layers().size() && depth.size() < spec.taps().size(); i++) {
      JsonNode layer = spec.layers().get(i);
      String type = layer.path("type").asString();
      String why = step(layer, type, steps);
      if (why != null) {
        return new Result(null, "/layers/" + i + " (" + type + "): " + why);
      }
      String name = layer.hasNonNull("name") ? layer.get("name").asString() : String.format("%s_%d", type, i);
      if (spec.taps().contains(name)) {
        depth.put(name, steps.size());
      }
    }
    if (depth.size() < spec.taps().size()) {
      return new Result(null, "a tap is not a top-level layer");
    }
    return new Result(new CropSupport(steps, depth), null);
  }

  /** Adds the layer's step; returns why it has none, or null. */
  static String step(JsonNode node, String type, List<InputSupport.Step> steps) {
    switch (type) {
      case "identity", "relu", "batchnorm", "tuned-normalization" -> steps.add(new InputSupport.Step(1, 1, 0));
      case "conv2d" -> {
        int k = node.get("kernel").asInt();
        steps.add(new InputSupport.Step(k, node.path("stride").asInt(1), node.path("padding").asInt(0)));
      }
      case "maxpool", "avgpool" -> {
        int k = node.get("kernel").asInt();
        steps.add(new InputSupport.Step(k, node.path("stride").asInt(k), node.path("padding").asInt(0)));
      }
      case "dog" -> {
        int h = node.path("halfWidth").asInt(2);
        steps.add(new InputSupport.Step(2 * h + 1, 1, h));
      }
      case "divisive-normalization" -> {
        int k = node.path("kernel").asInt(3);
        steps.add(new InputSupport.Step(k, 1, k / 2));
      }
      case "gabor" -> {
        int k = node.path("kernel").asInt(25);
        steps.add(new InputSupport.Step(k, node.path("stride").asInt(4), k / 2));
      }
      case "vone" -> {
        if (!node.path("noise").asString("neuronal").equals("none")) {
          return "neuronal noise is drawn over the whole map";
        }
        int k = node.path("kernel").asInt(25);
        steps.add(new InputSupport.Step(k, node.path("stride").asInt(4), k / 2));
      }
      case "cortical-magnification", "globalavgpool", "flatten", "linear" -> {
        return "global support";
      }
      case "locally-connected" -> {
        return "weights differ per output position (a crop would need the cropped positions' weights)";
      }
      default -> {
        return "no known support";
      }
    }
    return null;
  }
}
