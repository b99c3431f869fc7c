package io.striate.model.torchscript;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import io.striate.model.LayerShape;
import io.striate.model.ModelContract;
import io.striate.model.runtime.InferenceEngine;
import io.striate.model.runtime.InvalidModelException;
import io.striate.model.runtime.LoadedModel;
import io.striate.model.runtime.ModelMetadata;
import io.striate.model.runtime.ModelProblem;
import io.striate.model.runtime.TapNetwork;
import io.striate.model.runtime.TapTensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads a TorchScript submission ({@code torch.jit.save} archive) with DJL's PyTorch engine.
 *
 * <p>Output contract: the method that returns the taps is {@code activations(x)} when the module exports one, else
 * {@code forward(x)} (metadata {@code "method"} overrides); it returns {@code Dict[str, Tensor]} (one entry per
 * layer, each {@code (N, ...)}) or a single tensor (one layer, named by the only declared tap or
 * {@value #SINGLE_OUTPUT}). The input spec comes from {@code extra/striate.json} in the archive, overridden field by
 * field by the submission metadata. The module is loaded with {@code mapLocation} onto the runtime's device, then one
 * forward pass of a zero image at the declared input size lists the taps and their shapes.
 */
public final class TorchScriptLoader {
  /** The archive entry {@code extra/striate.json}. */
  public static final String METADATA_FILE = "striate.json";
  /** Tap name of a model whose forward returns one unnamed tensor and declares no tap. */
  public static final String SINGLE_OUTPUT = "output";
  private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

  private final InferenceEngine engine;

  public TorchScriptLoader(InferenceEngine engine) {
    this.engine = engine;
  }

  /**
   * Loads {@code file} and probes it.
   *
   * @param submitted metadata of the submission (wins over {@code extra/striate.json})
   * @throws InvalidModelException not-torchscript, unknown-operator, wrong-output-type, missing-tap,
   *                               shape-mismatch or invalid-metadata
   */
  public LoadedModel load(Path file, ModelMetadata submitted, String name) {
    requireZip(file);
    Model model = Model.newInstance(name, engine.device(), InferenceEngine.ENGINE_NAME);
    try {
      model.load(file, null, Map.of("mapLocation", "true", "extraFiles", METADATA_FILE));
      ModelMetadata archived = ModelMetadata.parse(model.getProperty(METADATA_FILE), "extra/" + METADATA_FILE);
      ModelMetadata metadata = archived.overriddenBy(submitted);
      PtSymbolBlock block = (PtSymbolBlock) model.getBlock();
      List<String> methods = Arrays.asList(JniUtils.getMethodNames(block));
      String method = metadata.method() != null ? metadata.method()
          : methods.contains("activations") ? "activations" : "forward";
      if (!methods.contains(method)) {
        throw new InvalidModelException(ModelProblem.WRONG_OUTPUT_TYPE, "/method",
            "the module has no method '" + method + "'; its methods are " + methods);
      }
      List<String> declared = metadata.tapsOrEmpty();
      String single = declared.size() == 1 ? declared.get(0) : SINGLE_OUTPUT;
      String description = "TorchScript " + name + " (" + method + ")";
      TapNetwork network = new TapNetwork(model, method, single, description);
      // probe: one zero image at the declared size lists every output and its shape
      int size = metadata.inputSizeOrDefault();
      if (size < 8 || size > 4096) {
        throw new InvalidModelException(ModelProblem.INVALID_METADATA, "/inputSize",
            "inputSize must be between 8 and 4096, got " + size);
      }
      Map<String, TapTensor> outputs = engine.call(() -> network.forward(new float[3 * size * size], 1, size, null));
      Map<String, LayerShape> shapes = new LinkedHashMap<>();
      outputs.forEach((k, v) -> shapes.put(k, v.layerShape()));
      ModelContract contract = metadata.toContract(new ArrayList<>(sortedKeys(shapes)));
      for (int i = 0; i < contract.candidateLayers().size(); i++) {
        String tap = contract.candidateLayers().get(i);
        if (!shapes.containsKey(tap)) {
          throw new InvalidModelException(ModelProblem.MISSING_TAP, "/taps/" + i,
              "tap '" + tap + "' is not among the model outputs " + sortedKeys(shapes));
        }
      }
      return new LoadedModel(network, contract, shapes, description);
    } catch (EngineException | MalformedModelException | IOException e) {
      model.close();
      throw classifyLoadFailure(e);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  private static List<String> sortedKeys(Map<String, ?> map) {
    return map.keySet().stream().sorted().toList();
  }

  private static void requireZip(Path file) {
    byte[] head = new byte[4];
    try (InputStream in = Files.newInputStream(file)) {
      int n = in.readNBytes(head, 0, 4);
      if (n == 4 && Arrays.equals(head, ZIP_MAGIC)) {
        return;
      }
    } catch (IOException e) {
      throw new InvalidModelException(ModelProblem.NOT_TORCHSCRIPT, "/artifact", "cannot read the artifact: " + e, e);
    }
    throw new InvalidModelException(ModelProblem.NOT_TORCHSCRIPT, "/artifact",
        "the artifact is not a zip archive, so not a TorchScript file (torch.jit.save writes a zip)");
  }

  /** Maps a libtorch load failure to not-torchscript or unknown-operator. */
  public static InvalidModelException classifyLoadFailure(Exception e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    String first = message.strip().lines().filter(l -> !l.isBlank()).findFirst().orElse(message);
    if (message.contains("Unknown builtin op") || message.contains("Unknown type name")
        || message.contains("Unknown type") || message.contains("Could not find any similar ops")) {
      return new InvalidModelException(ModelProblem.UNKNOWN_OPERATOR, "/artifact", first, e);
    }
    if (message.contains("constants.pkl") || message.contains("PytorchStreamReader") || message.contains("data.pkl")
        || message.contains("file not found")) {
      return new InvalidModelException(ModelProblem.NOT_TORCHSCRIPT, "/artifact",
          "not a TorchScript archive (" + first + "); a torch.save state_dict or pickled module cannot be run", e);
    }
    return new InvalidModelException(ModelProblem.NOT_TORCHSCRIPT, "/artifact", "TorchScript load failed: " + first, e);
  }
}
