package io.striate.model.spec;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Memory a block spec needs, computed from the spec alone, before any block is built: the output shape of every
 * layer is propagated from the input ({@code 3 × size × size}) with the usual convolution arithmetic
 * {@code out = ⌊(in + 2·padding − kernel) / stride⌋ + 1}, and parameters are counted per layer type (a
 * locally-connected layer has one kernel per output position: {@code out·in·k²·H'·W'}). The estimate,
 * {@code 4·(parameters + 2·batch·(input + taps + largest layer))} bytes (float32; the factor 2 for intermediate
 * tensors), follows the preflight's own formula plus the largest intermediate, so a spec too large for the memory
 * limit is refused with {@code too-large} instead of exhausting the checking process while it is built.
 * Layers whose size is not known from the spec (a TorchScript backbone) end the propagation.
 */
public final class SpecMemoryEstimate {
  private double parameters;
  private long largest;
  private final Map<String, Long> units = new HashMap<>();

  private SpecMemoryEstimate() {
  }

  /** Estimated bytes, see the class comment. */
  public static long bytes(BlockSpec spec, int batchSize) {
    SpecMemoryEstimate e = new SpecMemoryEstimate();
    long[] shape = {3, spec.input().size(), spec.input().size()};
    e.sequence(spec.layers(), shape, true);
    long taps = 0;
    for (String tap : spec.taps() == null ? List.<String>of() : spec.taps()) {
      taps += e.units.getOrDefault(tap, 0L);
    }
    long input = 3L * spec.input().size() * spec.input().size();
    double floats = e.parameters + 2.0 * batchSize * (input + taps + e.largest);
    return floats * 4 > Long.MAX_VALUE ? Long.MAX_VALUE : (long) (floats * 4);
  }

  /** Propagates {@code shape} through {@code layers}; returns false when the size became unknown. */
  private boolean sequence(List<JsonNode> layers, long[] shape, boolean topLevel) {
    for (int i = 0; i < layers.size(); i++) {
      JsonNode layer = layers.get(i);
      if (!layer(layer, shape)) return false;
      String name = layer.hasNonNull("name") ? layer.get("name").asString()
          : topLevel ? String.format("%s_%d", layer.path("type").asString(), i) : null;
      long n = sat(shape[0], shape[1], shape[2]);
      if (name != null) units.put(name, n);
      largest = Math.max(largest, n);
    }
    return true;
  }

  private boolean layer(JsonNode node, long[] s) {
    long c = s[0];
    switch (node.path("type").asString()) {
      case "conv2d" -> {
        long out = node.path("outChannels").asLong(1);
        int k = node.path("kernel").asInt(1);
        conv(s, k, node.path("stride").asInt(1), node.path("padding").asInt(0));
        parameters += sat(out, Math.max(1, c / Math.max(1, node.path("groups").asInt(1))), (long) k * k) + out;
        s[0] = out;
      }
      case "maxpool", "avgpool" -> {
        int k = node.path("kernel").asInt(1);
        conv(s, k, node.path("stride").asInt(k), node.path("padding").asInt(0));
      }
      case "batchnorm" -> parameters += 4 * c;
      case "vone" -> {
        long out = node.path("simpleChannels").asLong(256) + node.path("complexChannels").asLong(256);
        int k = node.path("kernel").asInt(25);
        int stride = node.path("stride").asInt(4);
        parameters += 2 * sat(out, node.path("inChannels").asLong(3), (long) k * k);
        s[1] = ceilDiv(s[1], stride);
        s[2] = ceilDiv(s[2], stride);
        s[0] = out;
      }
      case "gabor" -> {
        long out = node.path("filters").asLong(1);
        int k = node.path("kernel").asInt(25);
        int stride = node.path("stride").asInt(4);
        parameters += sat(out, node.path("inChannels").asLong(3), (long) k * k);
        s[1] = ceilDiv(s[1], stride);
        s[2] = ceilDiv(s[2], stride);
        s[0] = out;
      }
      case "dog" -> {
        long out = node.path("dogChannels").asLong(1) * (node.path("depthwise").asBoolean(false) ? c : 1);
        long k = 2L * node.path("halfWidth").asInt(2) * 3 + 1;
        parameters += sat(out, c, k * k);
        s[0] = out;
      }
      case "locally-connected" -> {
        long out = node.path("outChannels").asLong(1);
        int k = node.path("kernel").asInt(1);
        conv(s, k, node.path("stride").asInt(1), node.path("padding").asInt(0));
        parameters += sat(sat(out, c, (long) k * k), s[1], s[2]) + (node.path("bias").asBoolean(true)
            ? sat(out, s[1], s[2]) : 0);
        s[0] = out;
      }
      case "cortical-magnification" -> {
        JsonNode size = node.path("outputSize");
        s[1] = size.path(0).asLong(s[1]);
        s[2] = size.path(1).asLong(s[2]);
      }
      case "residual" -> {
        long[] main = s.clone();
        if (!sequence(list(node.get("layers")), main, false)) return false;
        System.arraycopy(main, 0, s, 0, 3);
      }
      case "branches" -> {
        long channels = 0;
        long[] first = null;
        for (JsonNode branch : node.path("branches")) {
          long[] b = s.clone();
          if (!sequence(list(branch), b, false)) return false;
          if (first == null) first = b;
          channels += b[0];
        }
        if (first != null) {
          s[0] = node.path("merge").asString("concat").equals("add") ? first[0] : channels;
          s[1] = first[1];
          s[2] = first[2];
        }
      }
      case BlockSpecCompiler.TORCHSCRIPT -> {
        return false;
      }
      default -> {
        // identity, relu, normalisations: the shape is kept
      }
    }
    s[1] = Math.max(1, s[1]);
    s[2] = Math.max(1, s[2]);
    return true;
  }

  private static void conv(long[] s, int k, int stride, int padding) {
    stride = Math.max(1, stride);
    s[1] = (s[1] + 2L * padding - k) / stride + 1;
    s[2] = (s[2] + 2L * padding - k) / stride + 1;
  }

  private static long ceilDiv(long a, int b) {
    return (a + Math.max(1, b) - 1) / Math.max(1, b);
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> out = new java.util.ArrayList<>();
    if (array != null) array.forEach(out::add);
    return out;
  }

  /** Saturating product (a hostile spec must not overflow into a small number). */
  private static long sat(long... factors) {
    long p = 1;
    for (long f : factors) {
      if (f <= 0) return 0;
      if (p > Long.MAX_VALUE / f) return Long.MAX_VALUE / 4;
      p *= f;
    }
    return p;
  }
}
