package io.striate.model.runtime;

import io.striate.model.BrainModel;
import io.striate.model.ModelRuntime;
import io.striate.model.ModelSource;
import io.striate.model.spec.BlockSpecLoader;
import io.striate.model.torchscript.TorchScriptLoader;

/**
 * The production {@link ModelRuntime}: TorchScript artifacts through {@link TorchScriptLoader}, block specs through
 * {@link BlockSpecLoader}, both run by {@link DjlBrainModel} on the {@link InferenceEngine}. Each {@code load}
 * opens native resources that {@link BrainModel#close()} releases; load a model once per job and keep it.
 */
public final class DjlModelRuntime implements ModelRuntime {
  private final InferenceEngine engine;
  private final TorchScriptLoader torchScript;
  private final BlockSpecLoader blockSpecs;
  private final RuntimeProperties properties;

  public DjlModelRuntime(InferenceEngine engine, TorchScriptLoader torchScript, BlockSpecLoader blockSpecs,
                         RuntimeProperties properties) {
    this.engine = engine;
    this.torchScript = torchScript;
    this.blockSpecs = blockSpecs;
    this.properties = properties;
  }

  /** Convenience for code without Spring: loaders built on {@code engine}. */
  public static DjlModelRuntime create(InferenceEngine engine, RuntimeProperties properties) {
    return new DjlModelRuntime(engine, new TorchScriptLoader(engine), new BlockSpecLoader(engine), properties);
  }

  /**
   * @throws InvalidModelException (a ScoringException of kind INVALID_MODEL) when the model cannot be run
   */
  @Override
  public DjlBrainModel load(ModelSource source) {
    return load(source, properties.batchSize());
  }

  @Override
  public DjlBrainModel load(ModelSource source, int batchSize) {
    return new DjlBrainModel(engine, loadNetwork(source), batchSize);
  }

  /** Loads and probes the network behind {@code source} (one forward pass at the input size). */
  public LoadedModel loadNetwork(ModelSource source) {
    ModelMetadata submitted = ModelMetadata.parse(source.metadataJson(), "submission metadata");
    String name = source.sha256() == null ? "v" + source.versionId()
        : source.sha256().substring(0, Math.min(12, source.sha256().length()));
    return switch (source.kind()) {
      case TORCHSCRIPT -> {
        if (source.artifact() == null) {
          throw new InvalidModelException(ModelProblem.NOT_TORCHSCRIPT, "/artifact", "no TorchScript artifact");
        }
        yield torchScript.load(source.artifact(), submitted, name);
      }
      case BLOCK_SPEC -> blockSpecs.load(source.specJson(), source.artifact(), submitted, name);
    };
  }

  public InferenceEngine engine() {
    return engine;
  }

  public RuntimeProperties properties() {
    return properties;
  }
}
