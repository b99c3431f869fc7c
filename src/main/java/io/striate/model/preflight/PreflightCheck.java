package io.striate.model.preflight;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.striate.model.LayerShape;
import io.striate.model.ModelContract;
import io.striate.model.ModelSource;
import io.striate.model.runtime.DjlModelRuntime;
import io.striate.model.runtime.InferenceEngine;
import io.striate.model.runtime.InvalidModelException;
import io.striate.model.runtime.LoadedModel;
import io.striate.model.runtime.ModelProblem;
import io.striate.model.runtime.RuntimeProperties;
import io.striate.model.runtime.TapNetwork;
import io.striate.model.runtime.TapTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The upload check, in this JVM: load on the runtime's device, one forward pass at the declared input size (the
 * loader's probe), the declared taps exist and have at least {@code minTapUnits} units, then a timed forward pass of
 * {@value #TIMED_BATCH} seeded random images after a warm-up on zeros, and a memory estimate from the parameters and the tap shapes. On
 * CPU the memory of a forward pass at the scoring batch size is also measured (resident-set growth, Linux) and a
 * second batch size is checked: a model whose traced graph bakes in a batch size (e.g. an unrolled sub-batch loop)
 * returns the wrong number of images and is refused ({@code shape-mismatch}). Last, the batch size is calibrated
 * ({@link BatchCalibration}): ms/image at batch sizes up to the scoring one, and the smallest that is about as fast.
 * Untrusted uploads should go through {@link PreflightProcess}, which runs this in a child JVM.
 */
public final class PreflightCheck {
  static final int TIMED_BATCH = 2;
  private final DjlModelRuntime runtime;
  private final RuntimeProperties.Preflight limits;
  private final int batchSize;

  public PreflightCheck(DjlModelRuntime runtime) {
    this.runtime = runtime;
    this.limits = runtime.properties().preflight();
    this.batchSize = runtime.properties().batchSize();
  }

  /**
   * @throws InvalidModelException with the problem found (code, field, hint)
   */
  public PreflightResult check(ModelSource source) {
    long deadline = System.nanoTime() + limits.timeout().toNanos();
    LoadedModel loaded = runtime.loadNetwork(source);
    try (TapNetwork network = loaded.network()) {
      ModelContract contract = loaded.contract();
      List<PreflightResult.Tap> taps = new ArrayList<>();
      for (int i = 0; i < contract.candidateLayers().size(); i++) {
        String name = contract.candidateLayers().get(i);
        LayerShape s = loaded.tapShapes().get(name);
        if (s.units() < limits.minTapUnits()) {
          throw new InvalidModelException(ModelProblem.TAP_TOO_SMALL, "/taps/" + i, "tap '" + name + "' has "
              + s.units() + " units (" + s.channels() + "×" + s.height() + "×" + s.width() + "), fewer than "
              + limits.minTapUnits());
        }
        taps.add(new PreflightResult.Tap(name, s.channels(), s.height(), s.width(), s.units()));
      }
      long parameterBytes = parameterBytes(network);
      int size = contract.inputSize();
      long perImage = 4L * (3L * size * size
          + loaded.tapShapes().values().stream().mapToLong(LayerShape::units).sum());
      long batchBytes = parameterBytes + 2L * batchSize * perImage;
      if (batchBytes > limits.maxMemory().toBytes()) {
        throw new InvalidModelException(ModelProblem.TOO_LARGE, "/artifact", String.format(
            "estimated %d MiB for a batch of %d (parameters %d MiB), limit %d MiB", batchBytes >> 20, batchSize,
            parameterBytes >> 20, limits.maxMemory().toMegabytes()));
      }
      double millis = timedForward(network, size, deadline) * contract.trials();
      Long measured = measuredForward(network, size, deadline);
      if (millis > limits.maxMillisPerImage()) {
        throw new InvalidModelException(ModelProblem.TOO_SLOW, "/artifact", String.format(
            "%.1f ms per image (%d trial(s)), limit %.0f ms", millis, contract.trials(), limits.maxMillisPerImage()));
      }
      List<PreflightResult.BatchTiming> timings = calibrate(network, size, millis / contract.trials(), deadline);
      FastPath fastPath = new FastPathHint(runtime).of(source, network, loaded.tapShapes(), size, millis,
          (n, b, h, w) -> timedForward(n, b, h, w, deadline),
          batchSize, deadline);
      return new PreflightResult(runtime.engine().toString(), size, contract.visualDegrees(), contract.trials(),
          contract.v1Layer(), taps, parameterBytes, perImage, batchBytes, millis, batchSize, measured, timings,
          BatchCalibration.fastest(timings), fastPath);
    }
  }

  /** Seed of the random images of the timed forward pass. */
  static final long NOISE_SEED = 9;

  /** {@code n} images of i.i.d. standard-normal values (the scale of normalised input), seeded. */
  static float[] randomImages(int n, int size) {
    return randomImages(n, size, size);
  }

  /** {@code n} seeded standard-normal images of {@code height × width}. */
  static float[] randomImages(int n, int height, int width) {
    java.util.Random random = new java.util.Random(NOISE_SEED);
    float[] x = new float[n * 3 * height * width];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    return x;
  }

  private static long parameterBytes(TapNetwork network) {
    long bytes = 0;
    for (Pair<String, Parameter> p : network.model().getBlock().getParameters()) {
      if (p.getValue().isInitialized()) {
        bytes += p.getValue().getArray().size() * p.getValue().getArray().getDataType().getNumOfBytes();
      }
    }
    return bytes;
  }

  /**
   * Milliseconds per image of one forward pass of {@value #TIMED_BATCH} seeded random images (after a warm-up on
   * zeros), bounded by the deadline. Random input matters: a model can be fast on zeros and spin on anything else.
   */
  private double timedForward(TapNetwork network, int size, long deadline) {
    return timedForward(network, TIMED_BATCH, size, size, deadline);
  }

  /**
   * {@link #timedForward(TapNetwork, int, long)} for {@code batch} images of {@code height × width} (a cropped pass's
   * windows, at the batch a worker runs them).
   */
  private double timedForward(TapNetwork network, int batch, int height, int width, long deadline) {
    float[] zeros = new float[batch * 3 * height * width];
    float[] noise = randomImages(batch, height, width);
    return bounded(() -> {
      network.forward(zeros, batch, height, width, List.of()); // warm-up at this batch size
      long t0 = System.nanoTime();
      Map<String, TapTensor> out = network.forward(noise, batch, height, width, null);
      checkBatch(out, batch);
      return (System.nanoTime() - t0) / 1e6 / batch;
    }, deadline);
  }

  /**
   * One forward pass at the scoring batch size (when it differs from the timed one), checking every tap returns that
   * many images; on CPU the resident-set growth over it in bytes (null where it cannot be measured).
   */
  private Long measuredForward(TapNetwork network, int size, long deadline) {
    if (batchSize == TIMED_BATCH) return null;
    float[] zeros = new float[batchSize * 3 * size * size];
    boolean cpu = !runtime.engine().device().isGpu();
    return bounded(() -> {
      java.util.OptionalLong before = cpu ? ResidentMemory.resetPeak() : java.util.OptionalLong.empty();
      Map<String, TapTensor> out = network.forward(zeros, batchSize, size, null);
      java.util.OptionalLong peak = before.isPresent() ? ResidentMemory.peak() : java.util.OptionalLong.empty();
      checkBatch(out, batchSize);
      return peak.isPresent() ? Math.max(0, peak.getAsLong() - before.getAsLong()) : null;
    }, deadline);
  }

  /** ms/image (one trial) at each of {@link BatchCalibration#candidates}, timed as {@link #timedForward}. */
  private List<PreflightResult.BatchTiming> calibrate(TapNetwork network, int size, double millisPerImage,
                                                      long deadline) {
    List<PreflightResult.BatchTiming> timings = new ArrayList<>();
    for (int b : BatchCalibration.candidates(batchSize, millisPerImage)) {
      double ms = timedForward(network, b, size, size, deadline);
      timings.add(new PreflightResult.BatchTiming(b, Math.round(ms * 1000) / 1000.0));
    }
    return timings;
  }

  private static void checkBatch(Map<String, TapTensor> out, int batch) {
    for (TapTensor t : out.values()) {
      if (t.batch() != batch) {
        throw new InvalidModelException(ModelProblem.SHAPE_MISMATCH, "/artifact", "tap '" + t.name() + "' returns "
            + t.batch() + " images for a batch of " + batch + ": the traced graph bakes in a batch size (e.g. a "
            + "sub-batch loop unrolled by torch.jit.trace)", "Make the loop independent of the batch size, or "
            + "script the module (torch.jit.script) so the loop stays a loop", null);
      }
    }
  }

  private <T> T bounded(java.util.concurrent.Callable<T> task, long deadline) {
    InferenceEngine engine = runtime.engine();
    Future<T> timing = engine.submit(task);
    try {
      return timing.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      timing.cancel(true);
      throw new InvalidModelException(ModelProblem.PREFLIGHT_TIMEOUT, "/artifact",
          "the forward pass did not finish within " + limits.timeout().toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new IllegalStateException(e.getCause());
    }
  }
}
