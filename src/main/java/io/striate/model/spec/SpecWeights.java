package io.striate.model.spec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import io.striate.model.blocks.TorchEntry;
import io.striate.model.blocks.TorchStateDict;
import io.striate.model.runtime.InvalidModelException;
import io.striate.model.runtime.ModelProblem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loads trained weights of a block spec from a PyTorch {@code state_dict} saved as {@code .safetensors} or
 * {@code .npz} ({@link NDList#decode}). An entry {@code <layer name>.<entry>} goes to the named layer with the longest
 * matching name (layer names may contain dots, so a spec naming its layers after the PyTorch modules, e.g.
 * {@code layer1.0.conv1}, loads {@code model.state_dict()} as it is). Standard layers take PyTorch's names
 * ({@code weight}, {@code bias}; batch norm also {@code running_mean}, {@code running_var} and the ignored
 * {@code num_batches_tracked}); biological blocks take their PyTorch counterpart's entries ({@link TorchStateDict}),
 * converting layouts and checking derived buffers. A spec with one layer with parameters also takes that module's
 * own {@code state_dict} without the layer prefix (a bare VOneBlock's {@code simple_conv_q0.weight}). Unknown names,
 * wrong shapes and derived buffers that differ are {@code invalid-weights} problems naming the entry, the expected
 * and the given shape and the layout; parameters without an entry keep their seeded initialisation.
 */
final class SpecWeights {
  private SpecWeights() {
  }

  /** @return the number of entries loaded or checked */
  static int load(Path file, Map<String, Block> named, NDManager manager) {
    return load(file, named, manager, name -> false);
  }

  /** @param ignored entries of modules the spec declares unused ({@link BlockSpec#ignoresWeight}), skipped */
  static int load(Path file, Map<String, Block> named, NDManager manager, java.util.function.Predicate<String> ignored) {
    try (InputStream in = Files.newInputStream(file); NDManager scratch = manager.newSubManager()) {
      NDList arrays;
      try {
        arrays = NDList.decode(scratch, in);
      } catch (RuntimeException e) {
        throw new InvalidModelException(ModelProblem.INVALID_WEIGHTS, "/weights",
            "cannot read the weights (.npz or .safetensors expected): " + e.getMessage(), e);
      }
      int loaded = 0;
      for (NDArray array : arrays) {
        if (array.getName() != null && ignored.test(array.getName())) continue;
        apply(array, named, scratch);
        loaded++;
      }
      return loaded;
    } catch (IOException e) {
      throw new InvalidModelException(ModelProblem.INVALID_WEIGHTS, "/weights",
          "cannot read the weights: " + e.getMessage(), e);
    }
  }

  private static void apply(NDArray array, Map<String, Block> named, NDManager scratch) {
    String key = array.getName() == null ? "" : array.getName();
    String layer = null;
    for (String name : named.keySet()) {
      if (key.startsWith(name + ".") && (layer == null || name.length() > layer.length())) layer = name;
    }
    String entryName;
    if (layer == null) {
      layer = onlyLayerWithEntry(named, key);
      if (layer == null) {
        throw problem(key, "weight '" + key + "' names no layer of the spec (entries are <layer name>.<entry>)",
            "Layers with parameters: " + withParameters(named));
      }
      entryName = key;
    } else {
      entryName = key.substring(layer.length() + 1);
    }
    Map<String, TorchEntry> entries = entries(named.get(layer));
    TorchEntry entry = entries.get(entryName);
    if (entry == null) {
      throw problem(key, "weight '" + key + "' matches no entry of layer '" + layer + "'; it has "
          + entries.keySet(), "Name entries as the PyTorch module's state_dict()");
    }
    Shape given = array.getShape();
    if (!entry.shapes().contains(given)) {
      throw problem(key, "weight '" + key + "' has shape " + given + ", layer '" + layer + "' expects "
          + entry.shapes().get(0) + (entry.shapes().size() > 1 ? " (or " + entry.shapes().subList(1,
          entry.shapes().size()) + ")" : ""), "Layout: " + entry.layout());
    }
    if (entry.derived() != null) {
      NDArray expected = entry.derived().apply(scratch);
      NDArray value = array.toType(DataType.FLOAT32, false);
      float diff = value.sub(expected).abs().max().getFloat();
      float scale = Math.max(1f, expected.abs().max().getFloat());
      if (diff > entry.tolerance() * scale) {
        throw problem(key, "derived buffer '" + key + "' differs from the one layer '" + layer + "' computes by "
            + diff + " (allowed " + entry.tolerance() * scale + ")", "It is recomputed from the layer's "
            + "configuration " + entry.layout() + "; check the spec's settings, or omit the entry");
      }
    } else if (entry.target() != null) {
      NDArray target = entry.target().getArray();
      entry.convert().apply(array.toType(target.getDataType(), false)).copyTo(target);
    }
  }

  /** The entries a layer accepts: its own for biological blocks, PyTorch's names for standard layers. */
  static Map<String, TorchEntry> entries(Block block) {
    if (block instanceof TorchStateDict torch) return torch.torchEntries();
    Map<String, TorchEntry> out = new LinkedHashMap<>();
    for (var pair : block.getDirectParameters()) {
      Parameter p = pair.getValue();
      String torchName = switch (p.getName()) {
        case "gamma" -> "weight";
        case "beta" -> "bias";
        case "runningMean" -> "running_mean";
        case "runningVar" -> "running_var";
        default -> p.getName();
      };
      out.put(torchName, TorchEntry.parameter(p, layoutOf(block, torchName)));
    }
    if (block instanceof BatchNorm) {
      out.put("num_batches_tracked", TorchEntry.ignored("a scalar counter", new Shape(), new Shape(1)));
    }
    return out;
  }

  private static String layoutOf(Block block, String name) {
    if (block instanceof Linear) return name.equals("weight") ? "(out, in)" : "(out)";
    if (block instanceof BatchNorm) return "(C)";
    return name.equals("weight") ? "(out, in/groups, kH, kW) as torch.nn.Conv2d" : "(out)";
  }

  /**
   * For an entry without a layer prefix: the spec's only layer with parameters, when {@code key} is one of its
   * entries (a bare module's {@code state_dict}, e.g. a VOneBlock's {@code simple_conv_q0.weight}); else null.
   */
  private static String onlyLayerWithEntry(Map<String, Block> named, String key) {
    String only = null;
    for (var e : named.entrySet()) {
      if (!hasParameters(e.getValue())) continue;
      if (only != null) return null;
      only = e.getKey();
    }
    return only != null && entries(named.get(only)).containsKey(key) ? only : null;
  }

  /** Whether a state_dict entry can name {@code block}: it has parameters of its own or takes PyTorch entries. */
  private static boolean hasParameters(Block block) {
    return !block.getDirectParameters().isEmpty() || block instanceof TorchStateDict;
  }

  private static String withParameters(Map<String, Block> named) {
    StringBuilder b = new StringBuilder();
    int shown = 0;
    for (var e : named.entrySet()) {
      if (!hasParameters(e.getValue())) continue;
      if (shown++ == 12) {
        b.append(", …");
        break;
      }
      b.append(shown > 1 ? ", " : "").append(e.getKey());
    }
    return b.toString();
  }

  private static InvalidModelException problem(String key, String message, String hint) {
    return new InvalidModelException(ModelProblem.INVALID_WEIGHTS, "/weights/" + key, message, hint, null);
  }
}
