package io.striate.model.spec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import io.striate.model.runtime.InvalidModelException;
import io.striate.model.runtime.ModelProblem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads trained weights of a block spec from {@code .npz} or {@code .safetensors} ({@link NDList#decode}), each array
 * named {@code <layer name>.<parameter>} with PyTorch parameter names: {@code weight}, {@code bias}, and for batch
 * norm {@code running_mean}, {@code running_var} (mapped to DJL's gamma/beta/runningMean/runningVar); biological
 * blocks use their own parameter names. Unknown names and shape mismatches are rejected; parameters without an
 * array keep their seeded initialisation.
 */
final class SpecWeights {
  private static final Map<String, String> TORCH_TO_DJL = Map.of("running_mean", "runningMean",
      "running_var", "runningVar");

  private SpecWeights() {
  }

  static int load(Path file, Map<String, Block> named, NDManager manager) {
    NDList arrays;
    try (InputStream in = Files.newInputStream(file); NDManager scratch = manager.newSubManager()) {
      arrays = NDList.decode(scratch, in);
      int loaded = 0;
      for (NDArray array : arrays) {
        String key = array.getName();
        int dot = key == null ? -1 : key.lastIndexOf('.');
        if (dot <= 0) {
          throw new InvalidModelException(ModelProblem.INVALID_SPEC, "/weights",
              "weight array '" + key + "' is not named <layer>.<parameter>");
        }
        Block block = named.get(key.substring(0, dot));
        Parameter parameter = block == null ? null : find(block, key.substring(dot + 1));
        if (parameter == null) {
          throw new InvalidModelException(ModelProblem.INVALID_SPEC, "/weights",
              "weight '" + key + "' matches no parameter of the spec");
        }
        if (!parameter.getArray().getShape().equals(array.getShape())) {
          throw new InvalidModelException(ModelProblem.INVALID_SPEC, "/weights", "weight '" + key + "' has shape "
              + array.getShape() + ", the layer needs " + parameter.getArray().getShape());
        }
        array.toType(parameter.getArray().getDataType(), false).copyTo(parameter.getArray());
        loaded++;
      }
      return loaded;
    } catch (IOException | RuntimeException e) {
      if (e instanceof InvalidModelException invalid) throw invalid;
      throw new InvalidModelException(ModelProblem.INVALID_SPEC, "/weights",
          "cannot read the weights (.npz or .safetensors expected): " + e.getMessage(), e);
    }
  }

  private static Parameter find(Block block, String torchName) {
    String djlName = TORCH_TO_DJL.getOrDefault(torchName, torchName);
    for (var p : block.getDirectParameters()) {
      String n = p.getValue().getName();
      if (n.equals(djlName) || n.equals(torchName)
          || (torchName.equals("weight") && n.equals("gamma")) || (torchName.equals("bias") && n.equals("beta"))) {
        return p.getValue();
      }
    }
    return null;
  }
}
