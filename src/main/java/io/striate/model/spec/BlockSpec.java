package io.striate.model.spec;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.striate.model.runtime.ModelMetadata;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A validated block spec (schema: {@code /schemas/block-spec.schema.json}): a sequence of layers with named taps,
 * the input specification, a seed and the number of trials. Layers stay JSON ({@link JsonNode}) because each type
 * has its own parameters; {@link BlockSpecCompiler} reads them. {@code ignoreWeights} lists state-dict entries (or
 * prefixes ending in '.') of modules the PyTorch original builds but never runs, accepted in uploads and skipped.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BlockSpec(String name, String description, Input input, Long seed, Integer trials,
                        List<JsonNode> layers, List<String> taps, String v1Layer, List<String> ignoreWeights) {

  /**
   * @param size          side of the square input, pixels
   * @param mean          per-channel mean (null = ImageNet)
   * @param std           per-channel std (null = ImageNet)
   * @param visualDegrees field of view (null = 8°)
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Input(int size, float[] mean, float[] std, Double visualDegrees) {
  }

  /** Whether the last layer is an uploaded TorchScript backbone (a hybrid model). */
  public boolean hasBackbone() {
    return !layers.isEmpty() && layers.get(layers.size() - 1).path("type").asString().equals("torchscript");
  }

  /** Whether uploaded weight {@code name} belongs to a module the spec declares unused. */
  public boolean ignoresWeight(String name) {
    if (ignoreWeights == null) return false;
    for (String p : ignoreWeights) {
      if (p.endsWith(".") ? name.startsWith(p) : name.equals(p)) return true;
    }
    return false;
  }

  public long seedOrDefault() {
    return seed == null ? 0L : seed;
  }

  /** The spec's input spec, taps and trials as model metadata (submission metadata may override it). */
  public ModelMetadata metadata() {
    return new ModelMetadata(input.size(), input.mean(), input.std(), input.visualDegrees(), taps, v1Layer,
        trials == null ? 1 : trials, null);
  }
}
