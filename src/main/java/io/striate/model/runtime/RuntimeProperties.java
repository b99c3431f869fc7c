package io.striate.model.runtime;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the model runtime, bound from {@code striate.runtime.*}.
 *
 * @param device           {@code auto} (GPU 0 when the engine sees one, else CPU), {@code cpu}, {@code gpu} or
 *                         {@code gpuN}
 * @param inferenceThreads size of the fixed inference thread pool (one predictor per thread and model)
 * @param nativeThreads    PyTorch intra-op threads ({@code ai.djl.pytorch.num_threads}); 0 keeps PyTorch's default.
 *                         Only effective when set before the engine first starts
 * @param batchSize        images per forward pass during activation extraction (the last batch is padded)
 * @param preflight        limits of the upload check
 * @param export           limits of the activations download
 */
@ConfigurationProperties("striate.runtime")
public record RuntimeProperties(@DefaultValue("auto") String device,
                                @DefaultValue("1") int inferenceThreads,
                                @DefaultValue("0") int nativeThreads,
                                @DefaultValue("32") int batchSize,
                                @DefaultValue Preflight preflight,
                                @DefaultValue Export export) {

  public RuntimeProperties {
    if (inferenceThreads < 1) throw new IllegalArgumentException("striate.runtime.inference-threads must be >= 1");
    if (batchSize < 1) throw new IllegalArgumentException("striate.runtime.batch-size must be >= 1");
    if (preflight == null) preflight = Preflight.defaults();
    if (export == null) export = Export.defaults();
  }

  /** The defaults, for code that runs without Spring (tests, the preflight child process). */
  public static RuntimeProperties defaults() {
    return new RuntimeProperties("auto", 1, 0, 32, Preflight.defaults(), Export.defaults());
  }

  public RuntimeProperties withBatchSize(int size) {
    return new RuntimeProperties(device, inferenceThreads, nativeThreads, size, preflight, export);
  }

  public RuntimeProperties withPreflight(Preflight p) {
    return new RuntimeProperties(device, inferenceThreads, nativeThreads, batchSize, p, export);
  }

  /**
   * Upload check limits.
   *
   * @param isolated         run the check of uploads in a child JVM ({@code PreflightProcess}), so a native crash
   *                         cannot take the API down
   * @param timeout          wall-clock limit of the whole check (child process included)
   * @param maxMillisPerImage slowest accepted forward pass per image, measured on the checking machine
   * @param maxMemory        largest accepted estimate of parameter + activation memory for one batch
   * @param minTapUnits      fewest units a tap may have (Brain-Score's property benchmarks need a population)
   * @param childHeap        {@code -Xmx} of the child JVM
   */
  public record Preflight(@DefaultValue("true") boolean isolated,
                          @DefaultValue("120s") Duration timeout,
                          @DefaultValue("2000") double maxMillisPerImage,
                          @DefaultValue("8GB") DataSize maxMemory,
                          @DefaultValue("25") int minTapUnits,
                          @DefaultValue("1g") String childHeap) {
    public static Preflight defaults() {
      return new Preflight(true, Duration.ofSeconds(120), 2000, DataSize.ofGigabytes(8), 25, "1g");
    }
  }

  /**
   * Limits of {@code POST .../activations} (images in, taps out as {@code .npz}).
   *
   * @param maxImages most images per request
   * @param maxBytes  largest accepted response (float32 values of all chosen taps)
   */
  public record Export(@DefaultValue("64") int maxImages, @DefaultValue("256MB") DataSize maxBytes) {
    public static Export defaults() {
      return new Export(64, DataSize.ofMegabytes(256));
    }
  }
}
