package io.striate.study;

import io.striate.problem.ProblemException;
import io.striate.problem.ProblemStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates the variants of a block spec with components removed, the method of Pogoncheff, Granley &amp; Beyeler
 * (NeurIPS 2023): leave-one-out ({@code without-c}: all components but c) and add-one ({@code only-c}), plus
 * {@code none} (the spec without any).
 * Removing a component: {@code dog}, {@code tuned-normalization} and {@code divisive-normalization} layers are
 * dropped; a {@code locally-connected} layer becomes the shared-weight {@code conv2d} of the same shape (the seed's
 * {@code conv3x3}); {@code cortical-magnification} becomes the ResNet max-pool (3×3, stride 2, padding 1) the seed uses
 * without it. Removed layers leave the taps; the V1 layer may not be removed.
 */
final class Ablation {
  static final Set<String> COMPONENTS = Set.of("dog", "locally-connected", "tuned-normalization",
      "divisive-normalization", "cortical-magnification");

  private Ablation() {
  }

  /** Labelled specs: {@code full} (the spec as given), {@code without-c} per component, {@code none}, {@code only-c}. */
  static Map<String, ObjectNode> variants(JsonMapper json, JsonNode spec, List<String> components) {
    if (components == null || components.isEmpty()) {
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "invalid-field", "List the components to ablate",
          "/components", "Any of " + COMPONENTS);
    }
    for (int i = 0; i < components.size(); i++) {
      String c = components.get(i);
      if (!COMPONENTS.contains(c)) {
        throw new ProblemException(ProblemStatus.BAD_REQUEST, "invalid-field", "Unknown component '" + c + "'",
            "/components/" + i, "Any of " + COMPONENTS);
      }
      if (!contains(spec.get("layers"), c)) {
        throw new ProblemException(ProblemStatus.UNPROCESSABLE_ENTITY, "component-not-in-spec", "The spec has no '" + c
            + "' layer", "/components/" + i, "Ablate only components the spec uses");
      }
    }
    Map<String, ObjectNode> out = new LinkedHashMap<>();
    out.put("full", (ObjectNode) spec.deepCopy());
    for (String c : components) {
      out.put("without-" + c, without(json, spec, Set.of(c), "no-" + c));
    }
    if (components.size() > 1) {
      out.put("none", without(json, spec, Set.copyOf(components), "none"));
      for (String c : components) {
        Set<String> others = new java.util.HashSet<>(components);
        others.remove(c);
        out.put("only-" + c, without(json, spec, others, "only-" + c));
      }
    }
    return out;
  }

  private static ObjectNode without(JsonMapper json, JsonNode spec, Set<String> removed, String suffix) {
    ObjectNode copy = (ObjectNode) spec.deepCopy();
    List<String> dropped = new ArrayList<>();
    copy.set("layers", layers(json, copy.get("layers"), removed, dropped));
    String name = copy.path("name").asString("spec") + "-" + suffix;
    copy.put("name", name.length() > 64 ? name.substring(0, 64) : name);
    ArrayNode taps = json.createArrayNode();
    for (JsonNode t : copy.get("taps")) {
      if (!dropped.contains(t.asString())) taps.add(t);
    }
    if (copy.has("v1Layer") && dropped.contains(copy.get("v1Layer").asString())) {
      throw new ProblemException(ProblemStatus.UNPROCESSABLE_ENTITY, "component-is-v1", "Removing " + removed
          + " removes the V1 layer '" + copy.get("v1Layer").asString() + "'", "/components",
          "Tap V1 at a layer that survives the ablation (e.g. the stage containing it)");
    }
    if (taps.isEmpty()) {
      throw new ProblemException(ProblemStatus.UNPROCESSABLE_ENTITY, "component-is-v1", "Removing " + removed
          + " removes every tap", "/components", "Tap a layer that survives the ablation");
    }
    copy.set("taps", taps);
    return copy;
  }

  private static ArrayNode layers(JsonMapper json, JsonNode layers, Set<String> removed, List<String> dropped) {
    ArrayNode out = json.createArrayNode();
    for (JsonNode layer : layers) {
      String type = layer.path("type").asString("");
      if (removed.contains(type) && !type.equals("locally-connected") && !type.equals("cortical-magnification")) {
        if (layer.has("name")) dropped.add(layer.get("name").asString());
        continue;
      }
      ObjectNode l = (ObjectNode) layer.deepCopy();
      if (removed.contains(type) && type.equals("locally-connected")) {
        ObjectNode conv = json.createObjectNode();
        conv.put("type", "conv2d");
        if (l.has("name")) conv.set("name", l.get("name"));
        conv.set("outChannels", l.get("outChannels"));
        conv.set("kernel", l.get("kernel"));
        conv.put("stride", l.path("stride").asInt(1));
        conv.put("padding", l.path("padding").asInt(0));
        conv.put("bias", l.path("bias").asBoolean(true));
        l = conv;
      } else if (removed.contains(type)) {
        ObjectNode pool = json.createObjectNode();
        pool.put("type", "maxpool");
        if (l.has("name")) pool.set("name", l.get("name"));
        pool.put("kernel", 3);
        pool.put("stride", 2);
        pool.put("padding", 1);
        l = pool;
      }
      if (l.has("layers")) l.set("layers", layers(json, l.get("layers"), removed, dropped));
      if (l.has("shortcut")) l.set("shortcut", layers(json, l.get("shortcut"), removed, dropped));
      if (l.has("branches")) {
        ArrayNode branches = json.createArrayNode();
        for (JsonNode b : l.get("branches")) branches.add(layers(json, b, removed, dropped));
        l.set("branches", branches);
      }
      out.add(l);
    }
    return out;
  }

  private static boolean contains(JsonNode layers, String type) {
    if (layers == null) return false;
    for (JsonNode layer : layers) {
      if (layer.path("type").asString("").equals(type)) return true;
      if (contains(layer.get("layers"), type) || contains(layer.get("shortcut"), type)) return true;
      if (layer.has("branches")) {
        for (JsonNode b : layer.get("branches")) if (contains(b, type)) return true;
      }
    }
    return false;
  }
}
