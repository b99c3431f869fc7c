package io.striate.model.runtime;

import io.striate.model.ActivationSink;
import io.striate.model.BrainModel;
import io.striate.model.LayerShape;
import io.striate.model.ModelContract;
import io.striate.model.StimulusSet;
import io.striate.model.Progress;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

/**
 * A {@link BrainModel} on DJL: images are preprocessed like torchvision ({@link ImagePreprocessing}), run in
 * batches of fixed size {@code B} (the last batch padded with zeros, so the network sees one shape), and each
 * batch's selected units are handed to the sink before the next batch is read back, so memory stays bounded by
 * {@code 2·B·3·S²} input floats plus {@code B × tap} output floats. Preprocessing of batch {@code k+1} on the
 * calling thread overlaps the forward pass of batch {@code k} on an inference thread.
 *
 * <p>Stochastic models ({@code trials > 1}) are run {@code trials} times per batch and the selected responses
 * averaged, {@code r̄ = (1/T) Σ_t r_t}, as Brain-Score's {@code StochasticModelCommitment} does.
 *
 * <p>Computing only what is read: when the model has {@link LoadedModel#crop supports} (a block spec of
 * translation-equivariant layers) and {@link #activations} asks for some units of one tap, the batch is the input
 * window those units depend on ({@link CropPlan}), not the whole image: the same responses for far fewer pixels.
 */
public final class DjlBrainModel implements BrainModel {
  private final InferenceEngine engine;
  private final LoadedModel loaded;
  private final ModelContract contract;
  private final ImagePreprocessing preprocessing;
  private final int batchSize;

  public DjlBrainModel(InferenceEngine engine, LoadedModel loaded, int batchSize) {
    this.engine = engine;
    this.loaded = loaded;
    this.contract = loaded.contract();
    this.preprocessing = ImagePreprocessing.of(contract);
    this.batchSize = batchSize;
  }

  @Override
  public ModelContract contract() {
    return contract;
  }

  @Override
  public LayerShape layerShape(String layer) {
    LayerShape shape = loaded.tapShapes().get(layer);
    if (shape == null) {
      throw new IllegalArgumentException("no tap '" + layer + "'; taps are " + loaded.tapShapes().keySet());
    }
    return shape;
  }

  /** Per-image shapes of all taps the model returns. */
  public Map<String, LayerShape> tapShapes() {
    return loaded.tapShapes();
  }

  /** The DJL model's own manager (its parameters); exposed so tests can check nothing else accumulates there. */
  ai.djl.ndarray.NDManager loadedNetworkModelManager() {
    return loaded.network().model().getNDManager();
  }

  public int batchSize() {
    return batchSize;
  }

  /**
   * The cropped pass {@link #activations} runs for {@code units} of {@code layer}, or null when it runs the full
   * input (no supports: TorchScript, global or position-dependent layers; a stochastic model; a crop not much
   * smaller than the input).
   */
  public CropPlan cropPlan(String layer, int[] units) {
    if (loaded.crop() == null || units == null || contract.trials() != 1) {
      return null;
    }
    return CropPlan.of(loaded.crop(), layer, contract.inputSize(), layerShape(layer), units);
  }

  @Override
  public void activations(StimulusSet stimuli, String layer, int[] units, ActivationSink sink, Progress progress) {
    CropPlan plan = cropPlan(layer, units);
    if (plan != null) {
      for (int i : units) {
        if (i < 0 || i >= layerShape(layer).units()) {
          throw new IllegalArgumentException("unit " + i + " outside tap " + layer + " with "
              + layerShape(layer).units() + " units");
        }
      }
      cropped(stimuli, layer, plan, sink, progress);
      return;
    }
    Map<String, int[]> selection = new HashMap<>();
    if (units != null) selection.put(layer, units);
    extract(stimuli, List.of(layer), selection, (tap, first, rows) -> sink.accept(first, rows), progress);
  }

  /**
   * Streams the responses of several taps at once (one forward pass per batch and trial for all of them).
   *
   * @param units per tap, the flat unit indices to keep ({@link LayerShape#unitIndex}); absent = all units
   */
  public void extract(StimulusSet stimuli, List<String> taps, Map<String, int[]> units, TapSink sink,
                      Progress progress) {
    for (String tap : taps) {
      LayerShape shape = layerShape(tap);
      int[] u = units.get(tap);
      if (u != null) {
        for (int i : u) {
          if (i < 0 || i >= shape.units()) {
            throw new IllegalArgumentException("unit " + i + " outside tap " + tap + " with " + shape.units()
                + " units");
          }
        }
      }
    }
    int per = preprocessing.floatsPerImage();
    pipeline(stimuli.size(), batchSize, per, (start, i, buffer) -> preprocessing.toTensor(stimuli.image(start + i),
        buffer, i * per), (buffer, count) -> runBatch(buffer, count, taps, units),
        (rows, first) -> deliver(rows, first, sink),
        progress);
  }

  /** Writes image {@code start + i} of a batch into {@code buffer} at its slot {@code i}. */
  private interface BatchFiller {
    void fill(int start, int i, float[] buffer);
  }

  /** The forward pass of one filled batch of {@code count} images, on an inference thread. */
  private interface BatchPass {
    Map<String, float[][]> run(float[] buffer, int count);
  }

  /** Receives the rows of the batch whose first image is {@code first}. */
  private interface BatchDelivery {
    void accept(Map<String, float[][]> rows, int first);
  }

  /**
   * The double-buffered batch loop shared by the full and the cropped pass: batch {@code k + 1} is filled on this
   * thread while batch {@code k} runs on the inference thread; the last batch is padded with zeros.
   */
  private void pipeline(int n, int batch, int floatsPerImage, BatchFiller filler, BatchPass pass,
                        BatchDelivery delivery, Progress progress) {
    float[][] buffers = {new float[batch * floatsPerImage], new float[batch * floatsPerImage]};
    Future<Map<String, float[][]>> running = null;
    int runningStart = 0;
    int batchIndex = 0;
    for (int start = 0; start < n; start += batch, batchIndex++) {
      float[] buffer = buffers[batchIndex % 2];
      int count = Math.min(batch, n - start);
      for (int i = 0; i < count; i++) {
        filler.fill(start, i, buffer);
      }
      if (count < batch) {
        Arrays.fill(buffer, count * floatsPerImage, buffer.length, 0f);
      }
      if (running != null) {
        delivery.accept(InferenceEngine.await(running), runningStart);
        progress.report("activations", (double) start / n);
      }
      int c = count;
      running = engine.submit(() -> pass.run(buffer, c));
      runningStart = start;
      if (Thread.currentThread().isInterrupted()) {
        running.cancel(true);
        throw new IllegalStateException("activation extraction interrupted");
      }
    }
    if (running != null) {
      delivery.accept(InferenceEngine.await(running), runningStart);
    }
    progress.report("activations", 1.0);
  }

  /** Largest batch of a cropped pass: more crops per pass stop paying off, and a short set is padded to it. */
  public static final int MAX_CROP_BATCH = 128;

  /**
   * Images per cropped pass: as many {@code h × w} windows as hold the input of a full batch of {@code batch}
   * {@code S × S} images, {@code batch · ⌊S² / (h·w)⌋}, within {@code [batch, MAX_CROP_BATCH]}: the same memory as the
   * full pass the batch size was fitted to, fewer passes (CropBench: vone-v1 windows 2.97 ms/image at 32 per pass
   * against 3.72 at 4).
   */
  public static int cropBatch(int batch, int size, int h, int w) {
    long scaled = (long) batch * ((long) size * size / ((long) h * w));
    return (int) Math.max(batch, Math.min(MAX_CROP_BATCH, scaled));
  }

  /** {@link #extract} for one tap on the plan's input window. */
  private void cropped(StimulusSet stimuli, String layer, CropPlan plan, ActivationSink sink, Progress progress) {
    int size = contract.inputSize();
    int h = plan.height();
    int w = plan.width();
    int per = 3 * h * w;
    float[] image = new float[preprocessing.floatsPerImage()];
    List<String> taps = List.of(layer);
    Map<String, int[]> units = Map.of(layer, plan.units());
    int batch = cropBatch(batchSize, size, h, w);
    pipeline(stimuli.size(), batch, per, (start, i, buffer) -> {
      preprocessing.toTensor(stimuli.image(start + i), image, 0);
      for (int c = 0; c < 3; c++) {
        for (int y = 0; y < h; y++) {
          System.arraycopy(image, (c * size + plan.y0() + y) * size + plan.x0(), buffer, i * per + (c * h + y) * w,
              w);
        }
      }
    }, (buffer, count) -> runBatch(buffer, batch, count, h, w, taps, units, plan.shape()),
        (rows, first) -> deliverOne(rows, layer, first, sink), progress);
  }

  private static void deliverOne(Map<String, float[][]> rows, String layer, int first, ActivationSink sink) {
    sink.accept(first, rows.get(layer));
  }

  private static void deliver(Map<String, float[][]> rows, int first, TapSink sink) {
    for (Map.Entry<String, float[][]> e : rows.entrySet()) {
      sink.accept(e.getKey(), first, e.getValue());
    }
  }

  /** Runs on an inference thread: T forward passes of one batch, unit selection, trial average. */
  private Map<String, float[][]> runBatch(float[] pixels, int count, List<String> taps, Map<String, int[]> units) {
    return runBatch(pixels, batchSize, count, contract.inputSize(), contract.inputSize(), taps, units, null);
  }

  /** @param cropShape the tap's expected shape on a cropped input (checked), or null for the full input */
  private Map<String, float[][]> runBatch(float[] pixels, int batch, int count, int height, int width,
                                          List<String> taps, Map<String, int[]> units, LayerShape cropShape) {
    int trials = contract.trials();
    Map<String, float[][]> sums = new LinkedHashMap<>();
    for (int t = 0; t < trials; t++) {
      Map<String, TapTensor> out = loaded.network().forward(pixels, batch, height, width, taps);
      for (String tap : taps) {
        TapTensor tensor = out.get(tap);
        if (cropShape != null && !tensor.layerShape().equals(cropShape)) {
          throw new IllegalStateException("tap " + tap + " on a " + height + "×" + width + " crop has shape "
              + tensor.layerShape() + ", the crop plan expected " + cropShape);
        }
        int[] u = units.get(tap);
        float[][] acc = sums.get(tap);
        int per = tensor.unitsPerImage();
        if (acc == null) {
          acc = new float[count][u == null ? per : u.length];
          sums.put(tap, acc);
        }
        float[] data = tensor.data();
        for (int i = 0; i < count; i++) {
          float[] row = acc[i];
          int base = i * per;
          if (u == null) {
            for (int j = 0; j < per; j++) row[j] += data[base + j];
          } else {
            for (int j = 0; j < u.length; j++) row[j] += data[base + u[j]];
          }
        }
      }
    }
    if (trials > 1) {
      for (float[][] acc : sums.values()) {
        for (float[] row : acc) {
          for (int j = 0; j < row.length; j++) row[j] /= trials;
        }
      }
    }
    return sums;
  }

  @Override
  public void close() {
    loaded.network().close();
  }

  @Override
  public String toString() {
    return loaded.description();
  }
}
