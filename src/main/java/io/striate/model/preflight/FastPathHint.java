package io.striate.model.preflight;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.striate.model.LayerShape;
import io.striate.model.ModelSource;
import io.striate.model.runtime.CropPlan;
import io.striate.model.runtime.DjlBrainModel;
import io.striate.model.runtime.DjlModelRuntime;
import io.striate.model.runtime.LoadedModel;
import io.striate.model.runtime.TapNetwork;
import io.striate.model.spec.SpecSupport;
import io.striate.model.torchscript.BlockCounterparts;
import io.striate.model.torchscript.TorchScriptModules;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tells the submitter of a TorchScript upload when a block spec would be the faster path. When every module class in
 * the archive has a Striate block type ({@link BlockCounterparts}, read from the archive's code with
 * {@link TorchScriptModules}, nothing run), the preflight result carries a {@link FastPath}: a block spec runs
 * Striate's own blocks and, on the property benchmarks, forwards only the input window the selected units read (RF
 * cropping, docs/model-runtime.md §4) where its layers allow it.
 *
 * <p>For a VOneBlock alone (reference {@value #VONE}) the hint derives the spec with the upload's own bank — its
 * {@code simple_conv_q0.weight} of shape {@code (F, 3, k, k)} gives {@code F} channels (split half simple, half
 * complex: both halves run the same two convolutions, so the split does not change the cost) and the kernel {@code k};
 * the stride {@code s} is the one for which {@code ⌊(S + 2⌊k/2⌋ − k)/s⌋ + 1} is the height of the upload's tap with
 * {@code F} channels — and times it in the same preflight with the upload's protocol ({@value
 * PreflightCheck#TIMED_BATCH} seeded random images after a warm-up): on the whole input, and on the window that all
 * channels at the 3 × 3 tap positions at the centre read (a property benchmark's kind of unit set), as many windows per
 * pass as a worker runs ({@link DjlBrainModel#cropBatch} of the scoring batch size). The ratio is the
 * upload's ms/image over the cropped pass's. The hint never fails an upload: an unreadable archive, a spec that
 * cannot be derived or timed, or too little time left before the preflight deadline mean no hint or no ratio.
 */
final class FastPathHint {
  static final String VONE = "vone-v1";
  /** The spec is timed only with at least this much of the preflight's time left. */
  static final Duration MIN_TIME_LEFT = Duration.ofSeconds(10);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Logger log = LoggerFactory.getLogger(FastPathHint.class);

  /** Times a network's forward pass of {@code batch} images of {@code height × width}, ms per image. */
  interface Timer {
    double millisPerImage(TapNetwork network, int batch, int height, int width);
  }

  /** A VOneBlock's Gabor bank: {@code channels} filters of {@code kernel} px at {@code stride}. */
  record Bank(int channels, int kernel, int stride) {
  }

  private final DjlModelRuntime runtime;

  FastPathHint(DjlModelRuntime runtime) {
    this.runtime = runtime;
  }

  /**
   * @param upload       the loaded upload (for the shape of a VOneBlock's Gabor bank)
   * @param tapShapes    the upload's taps (for the bank's stride)
   * @param uploadMillis the upload's measured ms per image (trials included)
   * @param timer        the preflight's timed forward pass
   * @param batchSize    the scoring batch size (a cropped pass runs {@link DjlBrainModel#cropBatch} windows at once)
   * @param deadline     {@link System#nanoTime()} by which the whole preflight must end
   * @return the hint, or null when the upload is not TorchScript or a module class has no Striate block
   */
  FastPath of(ModelSource source, TapNetwork upload, Map<String, LayerShape> tapShapes, int inputSize,
              double uploadMillis, Timer timer, int batchSize, long deadline) {
    if (source.kind() != ModelSource.Kind.TORCHSCRIPT || source.artifact() == null) return null;
    BlockCounterparts.Match match;
    try {
      match = BlockCounterparts.match(TorchScriptModules.read(source.artifact()));
    } catch (IOException | RuntimeException e) {
      log.debug("no fast-path hint: cannot read the archive's classes", e);
      return null;
    }
    if (!match.complete()) return null;
    if (!match.blocks().equals(List.of("vone"))) {
      return new FastPath(match.blocks(), null, null, null, null, null, null, message(match.blocks(), null, null,
          inputSize, uploadMillis, null, null));
    }
    Bank bank = bank(upload, tapShapes, inputSize);
    JsonNode spec = bank == null ? null : voneSpec(bank, inputSize);
    double[] times = spec == null || deadline - System.nanoTime() < MIN_TIME_LEFT.toNanos() ? null
        : time(spec, inputSize, timer, batchSize);
    Double full = times == null ? null : times[0];
    Double cropped = times == null || Double.isNaN(times[1]) ? null : times[1];
    return new FastPath(match.blocks(), VONE, spec, full, cropped, cropped == null ? null : uploadMillis / cropped,
        full == null ? null : uploadMillis / full, message(match.blocks(), bank, spec, inputSize, uploadMillis, full,
            cropped));
  }

  /** The bank of the upload's VOneBlock, or null when its weight or its tap cannot be found. */
  static Bank bank(TapNetwork upload, Map<String, LayerShape> tapShapes, int inputSize) {
    long[] s = null;
    try {
      for (Pair<String, Parameter> p : upload.model().getBlock().getParameters()) {
        if (p.getKey().endsWith("simple_conv_q0.weight") && p.getValue().isInitialized()) {
          s = p.getValue().getArray().getShape().getShape();
        }
      }
    } catch (RuntimeException e) {
      log.debug("no Gabor bank shape", e);
    }
    if (s == null || s.length != 4 || s[2] != s[3]) return null;
    int channels = (int) s[0];
    int kernel = (int) s[2];
    for (LayerShape tap : tapShapes.values()) {
      if (tap.channels() != channels) continue;
      for (int stride = 1; stride <= kernel; stride++) {
        if ((inputSize + 2 * (kernel / 2) - kernel) / stride + 1 == tap.height()) {
          return new Bank(channels, kernel, stride);
        }
      }
    }
    return null;
  }

  /** vone-v1's spec with {@code bank}'s channels (half simple, half complex), kernel and stride at {@code size} px. */
  static JsonNode voneSpec(Bank bank, int size) {
    ObjectNode spec = (ObjectNode) JSON.readTree(io.striate.model.spec.ReferenceSpecs.json(VONE).orElseThrow());
    spec.put("name", "vone-" + bank.channels() + "-k" + bank.kernel() + "-s" + bank.stride());
    spec.remove("description");
    ((ObjectNode) spec.get("input")).put("size", size);
    ObjectNode layer = (ObjectNode) spec.get("layers").get(0);
    layer.put("simpleChannels", bank.channels() - bank.channels() / 2);
    layer.put("complexChannels", bank.channels() / 2);
    layer.put("kernel", bank.kernel());
    layer.put("stride", bank.stride());
    return spec;
  }

  /** ms/image of {@code spec}: {@code [full, cropped]}, cropped NaN when no crop applies; null when it cannot run. */
  private double[] time(JsonNode spec, int size, Timer timer, int batchSize) {
    ModelSource source = new ModelSource(0, "fast-path", ModelSource.Kind.BLOCK_SPEC, null, spec.toString(), "{}");
    try {
      LoadedModel loaded = runtime.loadNetwork(source);
      try (TapNetwork network = loaded.network()) {
        double full = timer.millisPerImage(network, PreflightCheck.TIMED_BATCH, size, size);
        String tap = spec.get("taps").get(0).asString();
        LayerShape shape = loaded.tapShapes().get(tap);
        CropPlan plan = loaded.crop() == null ? null
            : CropPlan.of(loaded.crop(), tap, size, shape, centreUnits(shape));
        double cropped = plan == null ? Double.NaN : timer.millisPerImage(network,
            DjlBrainModel.cropBatch(batchSize, size, plan.height(), plan.width()), plan.height(), plan.width());
        return new double[] {full, cropped};
      }
    } catch (RuntimeException e) {
      log.info("fast-path hint: could not time {}: {}", spec.path("name").asString(), e.toString());
      return null;
    }
  }

  /** Every channel at the 3 × 3 tap positions around the centre. */
  static int[] centreUnits(LayerShape shape) {
    int cy = shape.height() / 2;
    int cx = shape.width() / 2;
    List<Integer> units = new ArrayList<>();
    for (int c = 0; c < shape.channels(); c++) {
      for (int y = Math.max(0, cy - 1); y <= Math.min(shape.height() - 1, cy + 1); y++) {
        for (int x = Math.max(0, cx - 1); x <= Math.min(shape.width() - 1, cx + 1); x++) {
          units.add(shape.unitIndex(c, y, x));
        }
      }
    }
    return units.stream().mapToInt(Integer::intValue).toArray();
  }

  static String message(List<String> blocks, Bank bank, JsonNode spec, int inputSize, double uploadMillis,
                        Double fullMillis, Double croppedMillis) {
    StringBuilder m = new StringBuilder("Every module class in this TorchScript archive has a Striate block (")
        .append(String.join(", ", blocks)).append("): as a block spec it would run Striate's blocks and, on the "
            + "property benchmarks, forward only the input window the selected units read (RF cropping)");
    List<String> full = new ArrayList<>(blocks.stream().filter(b -> !SpecSupport.CROPPABLE_TYPES.contains(b)).toList());
    m.append(full.isEmpty() ? "." : "; " + String.join(", ", full) + " layers would still run the full input.");
    if (!blocks.equals(List.of("vone"))) {
      m.append(" No shipped reference spec corresponds to it, so no speed ratio was measured.");
      return m.toString();
    }
    if (spec == null) {
      m.append(" Start from the shipped spec '").append(VONE).append("' ({\"reference\": \"").append(VONE)
          .append("\"}) with your block's settings; its Gabor bank could not be read here, so nothing was timed.");
      return m.toString();
    }
    m.append(String.format(Locale.ROOT, " Your VOneBlock's bank (%d Gabor filters of %d px at stride %d) as a spec "
        + "(split half simple, half complex: set simpleChannels and complexChannels to your block's split), to "
        + "upload as part 'spec' with your state_dict (simple_conv_q0/q1.weight) as part 'weights': %s",
        bank.channels(), bank.kernel(), bank.stride(), spec));
    if (fullMillis == null) {
      m.append(" It could not be timed in this preflight, so no speed ratio was measured.");
      return m.toString();
    }
    m.append(String.format(Locale.ROOT, " Measured here at %d px: this upload %.2f ms/image; the spec %.2f ms/image "
        + "on the whole input", inputSize, uploadMillis, fullMillis));
    if (croppedMillis != null) {
      m.append(String.format(Locale.ROOT, " and %.2f ms/image on the window a property benchmark's units read: "
          + "%.1f× faster per image there", croppedMillis, uploadMillis / croppedMillis));
    }
    return m.append('.').toString();
  }
}
