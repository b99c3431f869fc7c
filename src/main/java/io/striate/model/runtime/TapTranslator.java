package io.striate.model.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a preprocessed batch into the model's input and its named outputs into {@link TapTensor}s. All NDArrays
 * live in the per-call manager of the predictor context, so none outlives the call. A TorchScript method other
 * than {@code forward} is selected with DJL's {@code module_method:<name>} marker array.
 */
final class TapTranslator implements NoBatchifyTranslator<TapTranslator.Request, Map<String, TapTensor>> {
  private static final String TAPS = "striate.taps";
  private static final String BATCH = "striate.batch";

  /**
   * @param pixels {@code batch × 3 × height × width} floats, exactly
   * @param taps   taps to copy out, or null for every output
   */
  record Request(float[] pixels, int batch, int height, int width, Collection<String> taps) {
  }

  private final String method;
  private final String singleOutputName;

  /**
   * @param method           TorchScript method, or null/"forward" for {@code forward}
   * @param singleOutputName name given to an unnamed single-tensor output
   */
  TapTranslator(String method, String singleOutputName) {
    this.method = method == null || method.equals("forward") ? null : method;
    this.singleOutputName = singleOutputName;
  }

  @Override
  public NDList processInput(TranslatorContext ctx, Request request) {
    NDManager manager = ctx.getNDManager();
    NDArray x = manager.create(request.pixels(), new Shape(request.batch(), 3, request.height(), request.width()));
    NDList input = new NDList(x);
    if (method != null) {
      NDArray marker = manager.create(0f);
      marker.setName("module_method:" + method);
      input.add(marker);
    }
    ctx.setAttachment(TAPS, request.taps() == null ? List.of() : request.taps());
    ctx.setAttachment(BATCH, request.batch());
    return input;
  }

  @Override
  public Map<String, TapTensor> processOutput(TranslatorContext ctx, NDList outputs) {
    @SuppressWarnings("unchecked")
    Collection<String> taps = (Collection<String>) ctx.getAttachment(TAPS);
    Map<String, NDArray> named = new LinkedHashMap<>();
    if (outputs.size() == 1 && outputs.get(0).getName() == null) {
      named.put(singleOutputName, outputs.get(0));
    } else {
      for (NDArray a : outputs) {
        if (a.getName() == null) {
          throw new InvalidModelException(ModelProblem.WRONG_OUTPUT_TYPE, "/artifact",
              "the model returned " + outputs.size() + " unnamed tensors (a tuple or list); "
                  + "return Dict[str, Tensor] so that each layer has a name");
        }
        named.put(a.getName(), a);
      }
    }
    long batch = (Integer) ctx.getAttachment(BATCH);
    Collection<String> wanted = taps.isEmpty() ? named.keySet() : taps;
    Map<String, TapTensor> result = new LinkedHashMap<>();
    for (String tap : wanted) {
      NDArray a = named.get(tap);
      if (a == null) {
        throw new InvalidModelException(ModelProblem.MISSING_TAP, "/taps",
            "tap '" + tap + "' is not among the model outputs " + new ArrayList<>(named.keySet()));
      }
      if (a.getShape().dimension() < 2 || a.getShape().get(0) != batch) {
        throw new InvalidModelException(ModelProblem.WRONG_OUTPUT_TYPE, "/taps",
            "tap '" + tap + "' has shape " + a.getShape() + "; every tap must be (batch, ...) with batch = " + batch);
      }
      float[] data = a.getDataType() == DataType.FLOAT32 ? a.toFloatArray()
          : a.toType(DataType.FLOAT32, false).toFloatArray();
      result.put(tap, new TapTensor(tap, a.getShape().getShape(), data));
    }
    return result;
  }
}
