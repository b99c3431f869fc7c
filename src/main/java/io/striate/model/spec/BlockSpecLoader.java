package io.striate.model.spec;

import io.striate.model.runtime.InferenceEngine;
import io.striate.model.runtime.InvalidModelException;
import io.striate.model.runtime.LoadedModel;
import io.striate.model.runtime.ModelMetadata;
import io.striate.model.runtime.ModelProblem;
import java.nio.file.Path;

/** Placeholder until the block-spec compiler lands: rejects block specs. */
public final class BlockSpecLoader {
  private final InferenceEngine engine;

  public BlockSpecLoader(InferenceEngine engine) {
    this.engine = engine;
  }

  public LoadedModel load(String specJson, Path weights, ModelMetadata submitted, String name) {
    throw new InvalidModelException(ModelProblem.INVALID_SPEC, "/spec", "block specs are not supported yet");
  }
}
