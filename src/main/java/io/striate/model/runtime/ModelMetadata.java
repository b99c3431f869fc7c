package io.striate.model.runtime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.striate.model.ModelContract;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The input spec and taps of a submission, as JSON in {@code extra/striate.json} inside a TorchScript archive
 * and/or in the submission metadata (which wins field by field). Every field may be absent; {@link #toContract()}
 * applies Brain-Score's defaults (224 px, ImageNet mean/std, 8°, one trial).
 *
 * <pre>{"inputSize": 224, "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225], "visualDegrees": 8,
 *  "taps": ["layer1", "layer2"], "v1Layer": "layer1", "trials": 1, "method": "forward"}</pre>
 *
 * @param method the TorchScript method returning the taps ({@code forward} or {@code activations}); null = detect
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelMetadata(Integer inputSize, float[] mean, float[] std, Double visualDegrees, List<String> taps,
                            String v1Layer, Integer trials, String method) {
  public static final int DEFAULT_INPUT_SIZE = 224;
  public static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
  public static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};
  public static final ModelMetadata EMPTY = new ModelMetadata(null, null, null, null, null, null, null, null);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Parses metadata JSON; null or blank is {@link #EMPTY}. */
  public static ModelMetadata parse(String json, String source) {
    if (json == null || json.isBlank()) {
      return EMPTY;
    }
    try {
      return JSON.readValue(json, ModelMetadata.class);
    } catch (JacksonException e) {
      throw new InvalidModelException(ModelProblem.INVALID_METADATA, "/metadata",
          source + " is not valid metadata JSON: " + e.getOriginalMessage(), e);
    }
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JacksonException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code this} with every field {@code over} sets replaced by {@code over}'s value. */
  public ModelMetadata overriddenBy(ModelMetadata over) {
    List<String> mergedTaps = pick(over.taps, taps);
    String v1 = pick(over.v1Layer, v1Layer);
    if (over.v1Layer == null && over.taps != null && v1 != null && !over.taps.contains(v1)) {
      v1 = null; // the archive's V1 layer is not among the taps the submission chose
    }
    return new ModelMetadata(pick(over.inputSize, inputSize), pick(over.mean, mean), pick(over.std, std),
        pick(over.visualDegrees, visualDegrees), mergedTaps, v1, pick(over.trials, trials),
        pick(over.method, method));
  }

  private static <T> T pick(T a, T b) {
    return a != null ? a : b;
  }

  /** The declared input size, else {@value #DEFAULT_INPUT_SIZE}. */
  public int inputSizeOrDefault() {
    return inputSize != null ? inputSize : DEFAULT_INPUT_SIZE;
  }

  /** Taps given explicitly, or an empty list. */
  public List<String> tapsOrEmpty() {
    return taps == null ? List.of() : taps;
  }

  /**
   * The model contract, with defaults for absent fields.
   *
   * @param availableTaps taps to use when none are declared (e.g. every key of the model's output dict)
   */
  public ModelContract toContract(List<String> availableTaps) {
    List<String> layers = taps != null && !taps.isEmpty() ? taps : availableTaps;
    if (layers == null || layers.isEmpty()) {
      throw new InvalidModelException(ModelProblem.INVALID_METADATA, "/taps", "the model declares no taps");
    }
    int size = inputSizeOrDefault();
    float[] m = mean != null ? mean : IMAGENET_MEAN;
    float[] s = std != null ? std : IMAGENET_STD;
    double deg = visualDegrees != null ? visualDegrees : ModelContract.DEFAULT_VISUAL_DEGREES;
    int t = trials != null ? trials : 1;
    if (size < 8 || size > 4096) bad("/inputSize", "inputSize must be between 8 and 4096, got " + size);
    if (m.length != 3) bad("/mean", "mean needs 3 values (RGB)");
    if (s.length != 3) bad("/std", "std needs 3 values (RGB)");
    for (int i = 0; i < 3; i++) {
      if (!(s[i] > 0)) bad("/std/" + i, "std must be positive");
    }
    if (!(deg > 0)) bad("/visualDegrees", "visualDegrees must be positive");
    if (t < 1 || t > 1000) bad("/trials", "trials must be between 1 and 1000");
    if (v1Layer != null && !layers.contains(v1Layer)) bad("/v1Layer", "v1Layer " + v1Layer + " is not a tap");
    return new ModelContract(size, m.clone(), s.clone(), deg, layers, v1Layer, t);
  }

  private static void bad(String field, String message) {
    throw new InvalidModelException(ModelProblem.INVALID_METADATA, field, message);
  }
}
