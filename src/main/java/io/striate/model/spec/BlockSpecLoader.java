package io.striate.model.spec;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.striate.model.LayerShape;
import io.striate.model.ModelContract;
import io.striate.model.runtime.InferenceEngine;
import io.striate.model.runtime.InvalidModelException;
import io.striate.model.runtime.LoadedModel;
import io.striate.model.runtime.ModelMetadata;
import io.striate.model.runtime.ModelProblem;
import io.striate.model.runtime.TapNetwork;
import io.striate.model.runtime.TapTensor;
import java.nio.file.Path;
import io.striate.model.torchscript.TorchScriptLoader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns block-spec JSON into a runnable model: validate ({@link BlockSpecValidator}), compile
 * ({@link BlockSpecCompiler}), initialise on the runtime's device with the spec's seed (PyTorch's global generator,
 * so compilation is serialised), load optional weights, freeze every parameter (no autograd graph on inference
 * threads), then probe the tap shapes with one forward pass.
 */
public final class BlockSpecLoader {
  private static final Object SEED_LOCK = new Object();
  private final InferenceEngine engine;
  private final BlockSpecValidator validator;
  private final BlockSpecCompiler compiler;

  public BlockSpecLoader(InferenceEngine engine) {
    this(engine, new BlockSpecValidator(), new BlockSpecCompiler(new BiologicalLayers()));
  }

  public BlockSpecLoader(InferenceEngine engine, BlockSpecValidator validator, BlockSpecCompiler compiler) {
    this.engine = engine;
    this.validator = validator;
    this.compiler = compiler;
  }

  /**
   * @param artifact for a hybrid spec (last layer {@code torchscript}) the TorchScript backbone; otherwise optional
   *                 {@code .npz}/{@code .safetensors} weights by parameter name (may be null)
   * @throws InvalidModelException {@code invalid-spec}, {@code invalid-metadata} or {@code shape-mismatch}
   */
  public LoadedModel load(String specJson, Path artifact, ModelMetadata submitted, String name) {
    BlockSpec spec = validator.parse(specJson);
    ModelMetadata metadata = spec.metadata().overriddenBy(submitted);
    int size = metadata.inputSizeOrDefault();
    Model backbone = spec.hasBackbone() ? loadBackbone(artifact, name) : null;
    Path weights = spec.hasBackbone() ? null : artifact;
    BlockSpecCompiler.Compiled compiled;
    try {
      compiled = compiler.compile(spec, backbone == null ? null : backbone.getBlock());
    } catch (RuntimeException e) {
      if (backbone != null) backbone.close();
      throw e;
    }
    Model model = Model.newInstance(name, engine.device(), InferenceEngine.ENGINE_NAME);
    try {
      model.setBlock(compiled.network());
      synchronized (SEED_LOCK) {
        Engine.getEngine(InferenceEngine.ENGINE_NAME).setRandomSeed((int) spec.seedOrDefault());
        try {
          compiled.network().initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 3, size, size));
        } catch (RuntimeException e) {
          throw new InvalidModelException(ModelProblem.SHAPE_MISMATCH, "/spec/input/size", "the layers cannot be "
              + "built for a " + size + " px input: " + e.getMessage(), e);
        }
      }
      if (weights != null) {
        SpecWeights.load(weights, compiled.named(), model.getNDManager(), spec::ignoresWeight);
      }
      compiled.network().freezeParameters(true);
      String description = "block spec " + spec.name() + " (" + name + ")";
      TapNetwork network = new TapNetwork(model, null, spec.taps().get(0), description,
          backbone == null ? List.of() : List.of(backbone));
      Map<String, TapTensor> outputs = engine.call(() -> network.forward(new float[3 * size * size], 1, size, null));
      Map<String, LayerShape> shapes = new LinkedHashMap<>();
      outputs.forEach((k, v) -> shapes.put(k, v.layerShape()));
      ModelContract contract = metadata.toContract(spec.taps());
      for (int i = 0; i < contract.candidateLayers().size(); i++) {
        if (!shapes.containsKey(contract.candidateLayers().get(i))) {
          throw new InvalidModelException(ModelProblem.MISSING_TAP, "/taps/" + i, "tap '"
              + contract.candidateLayers().get(i) + "' is not produced by the model (it produced " + shapes.keySet()
              + (backbone == null ? ")" : "; a backbone's taps are the keys of the dict its forward returns)"));
        }
      }
      SpecSupport.Result support = backbone == null ? SpecSupport.of(spec) : new SpecSupport.Result(null, "hybrid");
      return new LoadedModel(network, contract, shapes, description, support.support());
    } catch (RuntimeException e) {
      model.close();
      if (backbone != null) backbone.close();
      throw e;
    }
  }

  /** The TorchScript backbone of a hybrid spec, loaded like an upload (mapLocation onto the runtime's device). */
  private Model loadBackbone(Path artifact, String name) {
    if (artifact == null) {
      throw new InvalidModelException(ModelProblem.NOT_TORCHSCRIPT, "/artifact",
          "the spec has a torchscript layer but no TorchScript backbone was uploaded");
    }
    Model backbone = Model.newInstance(name + "-backbone", engine.device(), InferenceEngine.ENGINE_NAME);
    try {
      backbone.load(artifact, null, Map.of("mapLocation", "true"));
      return backbone;
    } catch (Exception e) {
      backbone.close();
      if (e instanceof InvalidModelException invalid) throw invalid;
      throw TorchScriptLoader.classifyLoadFailure(e);
    }
  }

  public BlockSpecValidator validator() {
    return validator;
  }
}
