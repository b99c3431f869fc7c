package io.striate.model.runtime;

import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A loaded DJL model (TorchScript or Java-built blocks) whose outputs are named taps. The model is shared; each
 * calling thread gets its own {@link Predictor} (predictors are not thread-safe), all closed with the network.
 * Call {@link #forward} on an {@link InferenceEngine} thread so autograd is off.
 */
public final class TapNetwork implements AutoCloseable {
  private final Model model;
  private final TapTranslator translator;
  private final String description;
  private final Queue<Predictor<TapTranslator.Request, Map<String, TapTensor>>> predictors =
      new ConcurrentLinkedQueue<>();
  private final ThreadLocal<Predictor<TapTranslator.Request, Map<String, TapTensor>>> local = new ThreadLocal<>();
  private final List<AutoCloseable> resources;
  private volatile boolean closed;

  /**
   * @param model            a loaded model (its block initialised and frozen)
   * @param method           TorchScript method that returns the taps, or null for {@code forward}
   * @param singleOutputName name of the tap when the model returns one unnamed tensor
   * @param description      for messages, e.g. "TorchScript abc123 (activations)"
   */
  public TapNetwork(Model model, String method, String singleOutputName, String description) {
    this(model, method, singleOutputName, description, List.of());
  }

  /** @param resources closed after the model (e.g. the TorchScript backbone of a hybrid) */
  public TapNetwork(Model model, String method, String singleOutputName, String description,
                    List<? extends AutoCloseable> resources) {
    this.resources = List.copyOf(resources);
    this.model = model;
    this.translator = new TapTranslator(method, singleOutputName);
    this.description = description;
  }

  public Model model() {
    return model;
  }

  /**
   * One forward pass.
   *
   * @param pixels {@code batch × 3 × size × size} normalised input, exactly that long
   * @param taps   taps to return, or null for every output
   * @throws InvalidModelException when the model fails or returns something other than named tensors
   */
  public Map<String, TapTensor> forward(float[] pixels, int batch, int size, Collection<String> taps) {
    return forward(pixels, batch, size, size, taps);
  }

  /** One forward pass on a {@code batch × 3 × height × width} input (a crop of the model input). */
  public Map<String, TapTensor> forward(float[] pixels, int batch, int height, int width, Collection<String> taps) {
    if (closed) throw new IllegalStateException(description + " is closed");
    Predictor<TapTranslator.Request, Map<String, TapTensor>> predictor = local.get();
    if (predictor == null) {
      predictor = model.newPredictor(translator);
      predictors.add(predictor);
      local.set(predictor);
    }
    try {
      return predictor.predict(new TapTranslator.Request(pixels, batch, height, width, taps));
    } catch (TranslateException | EngineException | UnsupportedOperationException e) {
      throw classify(e, batch, height, width);
    }
  }

  private InvalidModelException classify(Exception e, int batch, int height, int width) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InvalidModelException invalid) return invalid;
    }
    String message = rootMessage(e);
    if (message.contains("Only one level of map") || message.contains("Unsupported IValue")
        || message.contains("Unsupported")) {
      return new InvalidModelException(ModelProblem.WRONG_OUTPUT_TYPE, "/artifact",
          description + " returned an unsupported output type: " + message, e);
    }
    return new InvalidModelException(ModelProblem.SHAPE_MISMATCH, "/inputSize",
        description + " failed on an input of shape (" + batch + ", 3, " + height + ", " + width + "): " + message,
        e);
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    String message = String.valueOf(e.getMessage());
    while (t != null) {
      if (t.getMessage() != null) message = t.getMessage();
      t = t.getCause();
    }
    return message.strip().lines().limit(6).reduce((a, b) -> a + " " + b.strip()).orElse(message);
  }

  @Override
  public void close() {
    closed = true;
    Predictor<?, ?> p;
    while ((p = predictors.poll()) != null) {
      p.close();
    }
    model.close();
    for (AutoCloseable r : resources) {
      try {
        r.close();
      } catch (Exception e) {
        throw new IllegalStateException("cannot close " + r, e);
      }
    }
  }

  @Override
  public String toString() {
    return description;
  }
}
