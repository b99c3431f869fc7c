package io.striate.model;

/**
 * Turns a stored model version (TorchScript artifact or block spec) into a runnable {@link BrainModel}.
 * The production implementation runs DJL's PyTorch engine; tests may supply their own.
 */
public interface ModelRuntime {
  /** Loads the model; throws {@link io.striate.problem.ScoringException} of kind INVALID_MODEL when it cannot. */
  BrainModel load(ModelSource source);

  /** Loads the model to run forward passes of {@code batchSize} images (a worker's memory-fitted batch size). */
  default BrainModel load(ModelSource source, int batchSize) {
    return load(source);
  }
}
