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
import java.util.LinkedHashMap;
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
   * @param weights optional {@code .npz}/{@code .safetensors} with trained parameters (may be null)
   * @throws InvalidModelException {@code invalid-spec}, {@code invalid-metadata} or {@code shape-mismatch}
   */
  public LoadedModel load(String specJson, Path weights, ModelMetadata submitted, String name) {
    BlockSpec spec = validator.parse(specJson);
    ModelMetadata metadata = spec.metadata().overriddenBy(submitted);
    int size = metadata.inputSizeOrDefault();
    BlockSpecCompiler.Compiled compiled = compiler.compile(spec);
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
        SpecWeights.load(weights, compiled.named(), model.getNDManager());
      }
      compiled.network().freezeParameters(true);
      String description = "block spec " + spec.name() + " (" + name + ")";
      TapNetwork network = new TapNetwork(model, null, spec.taps().get(0), description);
      Map<String, TapTensor> outputs = engine.call(() -> network.forward(new float[3 * size * size], 1, size, null));
      Map<String, LayerShape> shapes = new LinkedHashMap<>();
      outputs.forEach((k, v) -> shapes.put(k, v.layerShape()));
      ModelContract contract = metadata.toContract(spec.taps());
      for (int i = 0; i < contract.candidateLayers().size(); i++) {
        if (!shapes.containsKey(contract.candidateLayers().get(i))) {
          throw new InvalidModelException(ModelProblem.MISSING_TAP, "/taps/" + i, "tap '"
              + contract.candidateLayers().get(i) + "' is not a tap of the spec " + spec.taps());
        }
      }
      return new LoadedModel(network, contract, shapes, description);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  public BlockSpecValidator validator() {
    return validator;
  }
}
