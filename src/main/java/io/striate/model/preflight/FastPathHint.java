package io.striate.model.preflight;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.striate.model.ModelSource;
import io.striate.model.runtime.DjlModelRuntime;
import io.striate.model.runtime.LoadedModel;
import io.striate.model.runtime.TapNetwork;
import io.striate.model.spec.ReferenceSpecs;
import io.striate.model.torchscript.BlockCounterparts;
import io.striate.model.torchscript.TorchScriptModules;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the submitter of a TorchScript upload when a block spec would be the faster path. When every module class in
 * the archive has a Striate block type ({@link BlockCounterparts}, read from the archive's code with
 * {@link TorchScriptModules}, nothing run), the preflight result carries a {@link FastPath}: a block spec runs
 * Striate's own blocks and, on the property benchmarks, forwards only the input window the selected units read (RF
 * cropping, docs/model-runtime.md §4) where its layers allow it. When the classes identify a shipped reference spec
 * (a VOneBlock alone → {@value #VONE}), that spec is timed in the same preflight with the same protocol as the upload
 * (same input size, the same {@value PreflightCheck#TIMED_BATCH} seeded random images after a warm-up) and the ratio
 * reported; otherwise no ratio. The hint never fails an upload: an unreadable archive, a spec that cannot be timed or
 * too little time left before the preflight deadline mean no hint or no ratio.
 */
final class FastPathHint {
  static final String VONE = "vone-v1";
  /** What vone-v1 computes, for the message (src/main/resources/specs/vone-v1.json). */
  static final String VONE_DESCRIPTION = "256 simple + 256 complex Gabor channels, 25 px kernels, stride 4, noise off";
  /** The reference spec is timed only with at least this much of the preflight's time left. */
  static final Duration MIN_TIME_LEFT = Duration.ofSeconds(10);
  /** Block types whose layers RF cropping runs on a window (docs/model-runtime.md §4, "Only what is read"). */
  static final Set<String> CROPPABLE = Set.of("conv2d", "maxpool", "avgpool", "batchnorm", "relu", "identity", "dog",
      "tuned-normalization", "divisive-normalization", "gabor", "vone");
  private static final Logger log = LoggerFactory.getLogger(FastPathHint.class);

  private final DjlModelRuntime runtime;

  FastPathHint(DjlModelRuntime runtime) {
    this.runtime = runtime;
  }

  /**
   * @param upload       the loaded upload (for the shape of a VOneBlock's Gabor bank)
   * @param uploadMillis the upload's measured ms per image (trials included)
   * @param timer        the preflight's timed forward pass, ms per image
   * @param deadline     {@link System#nanoTime()} by which the whole preflight must end
   * @return the hint, or null when the upload is not TorchScript or a module class has no Striate block
   */
  FastPath of(ModelSource source, TapNetwork upload, int inputSize, double uploadMillis,
              ToDoubleFunction<TapNetwork> timer, long deadline) {
    if (source.kind() != ModelSource.Kind.TORCHSCRIPT || source.artifact() == null) return null;
    BlockCounterparts.Match match;
    try {
      match = BlockCounterparts.match(TorchScriptModules.read(source.artifact()));
    } catch (IOException | RuntimeException e) {
      log.debug("no fast-path hint: cannot read the archive's classes", e);
      return null;
    }
    if (!match.complete()) return null;
    String reference = match.blocks().equals(List.of("vone")) ? VONE : null;
    Double specMillis = reference == null ? null : timeReference(reference, inputSize, timer, deadline);
    Double ratio = specMillis == null || specMillis <= 0 ? null : uploadMillis / specMillis;
    return new FastPath(match.blocks(), reference, specMillis, ratio,
        message(match.blocks(), reference, inputSize, uploadMillis, specMillis, ratio, bankShape(upload)));
  }

  private Double timeReference(String name, int inputSize, ToDoubleFunction<TapNetwork> timer, long deadline) {
    if (deadline - System.nanoTime() < MIN_TIME_LEFT.toNanos()) return null;
    String json = ReferenceSpecs.json(name).orElse(null);
    if (json == null) return null;
    ModelSource spec = new ModelSource(0, name, ModelSource.Kind.BLOCK_SPEC, null, json,
        "{\"inputSize\":" + inputSize + "}");
    try {
      LoadedModel loaded = runtime.loadNetwork(spec);
      try (TapNetwork network = loaded.network()) {
        return timer.applyAsDouble(network);
      }
    } catch (RuntimeException e) {
      log.info("fast-path hint: could not time {} at {} px: {}", name, inputSize, e.toString());
      return null;
    }
  }

  /** Shape of the upload's first quadrature Gabor bank (VOneNet's {@code simple_conv_q0.weight}), or null. */
  private static String bankShape(TapNetwork upload) {
    try {
      for (Pair<String, Parameter> p : upload.model().getBlock().getParameters()) {
        if (p.getKey().endsWith("simple_conv_q0.weight") && p.getValue().isInitialized()) {
          long[] s = p.getValue().getArray().getShape().getShape();
          return String.join(" × ", java.util.Arrays.stream(s).mapToObj(Long::toString).toList());
        }
      }
    } catch (RuntimeException e) {
      log.debug("no Gabor bank shape", e);
    }
    return null;
  }

  static String message(List<String> blocks, String reference, int inputSize, double uploadMillis, Double specMillis,
                        Double ratio, String bank) {
    StringBuilder m = new StringBuilder("Every module class in this TorchScript archive has a Striate block (")
        .append(String.join(", ", blocks)).append("): as a block spec it would run Striate's blocks and, on the "
            + "property benchmarks, forward only the input window the selected units read (RF cropping)");
    List<String> full = new ArrayList<>(blocks.stream().filter(b -> !CROPPABLE.contains(b)).toList());
    m.append(full.isEmpty() ? "." : "; " + String.join(", ", full) + " layers would still run the full input.");
    if (reference == null) {
      m.append(" No shipped reference spec corresponds to it, so no speed ratio was measured.");
      return m.toString();
    }
    m.append(" The shipped spec '").append(reference).append("' (").append(VONE_DESCRIPTION).append(") is the "
        + "closest: {\"reference\": \"").append(reference).append("\"}, or a spec restating your block's settings "
        + "(simpleChannels, complexChannels, kernel, stride) with its weights (simple_conv_q0/q1.weight).");
    if (bank != null) m.append(" Your VOneBlock's Gabor bank is ").append(bank).append(" (vone-v1: 512 × 3 × 25 × 25).");
    if (ratio == null) {
      m.append(" It could not be timed in this preflight, so no speed ratio was measured.");
    } else {
      m.append(String.format(Locale.ROOT, " Measured here at %d px, one full forward pass (no cropping): this upload "
          + "%.2f ms/image, %s %.2f ms/image, ratio %.2f (upload ÷ spec; above 1 the spec is faster).", inputSize,
          uploadMillis, reference, specMillis, ratio));
    }
    return m.toString();
  }
}
