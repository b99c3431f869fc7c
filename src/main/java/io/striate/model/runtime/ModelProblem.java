package io.striate.model.runtime;

/**
 * Why a submitted model is rejected: a stable {@code code} for ProblemDetail responses and a default hint.
 */
public enum ModelProblem {
  NOT_TORCHSCRIPT("not-torchscript", "Save the model with torch.jit.save (a TorchScript archive), not torch.save "
      + "of a state_dict or module; tools/export_torchscript.py does it for torchvision-style models."),
  UNKNOWN_OPERATOR("unknown-operator", "The model uses an operator this PyTorch (2.7.1) does not have, e.g. a custom "
      + "C++ op; express it with standard torch operators."),
  WRONG_OUTPUT_TYPE("wrong-output-type", "forward(x) (or activations(x)) must return Dict[str, Tensor] with one "
      + "entry per layer, or a single Tensor; nested dicts and non-tensor values are not supported."),
  MISSING_TAP("missing-tap", "Every declared tap must be a key of the dict the model returns."),
  TAP_TOO_SMALL("tap-too-small", "A tap needs at least 25 units (channels × height × width) to be scored."),
  SHAPE_MISMATCH("shape-mismatch", "The forward pass failed at the declared input size; check inputSize in the "
      + "metadata against the size the model was built for."),
  TOO_SLOW("too-slow", "The forward pass per image is slower than the limit; export a smaller model or fewer taps."),
  TOO_LARGE("too-large", "Parameters plus the activations of one batch exceed the memory limit; export fewer or "
      + "smaller taps."),
  INVALID_METADATA("invalid-metadata", "The metadata (extra/striate.json or the submission) must give inputSize, "
      + "mean and std (3 values each), visualDegrees > 0, taps and trials >= 1."),
  INVALID_SPEC("invalid-spec", "The block spec does not follow /schemas/block-spec.schema.json."),
  INVALID_WEIGHTS("invalid-weights", "Weights are a .safetensors or .npz state dict named <layer name>.<PyTorch "
      + "entry>, e.g. layer1.0.conv1.weight, in the PyTorch module's layout."),
  MODEL_CRASHED("model-crashed", "Loading or running the model crashed the checking process (a native error in "
      + "PyTorch); the model cannot be run safely."),
  PREFLIGHT_TIMEOUT("preflight-timeout", "Loading and one forward pass did not finish within the time limit.");

  private final String code;
  private final String hint;

  ModelProblem(String code, String hint) {
    this.code = code;
    this.hint = hint;
  }

  /** Stable, kebab-case code (the ProblemDetail {@code code} property). */
  public String code() {
    return code;
  }

  public String hint() {
    return hint;
  }

  public static ModelProblem fromCode(String code) {
    for (ModelProblem p : values()) {
      if (p.code.equals(code)) return p;
    }
    throw new IllegalArgumentException("unknown model problem code " + code);
  }
}
