package io.striate.model.runtime;

import io.striate.model.LayerShape;
import io.striate.model.ModelSource;
import io.striate.model.RgbImage;
import io.striate.model.StimulusSet;
import io.striate.model.Progress;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * "What does Striate see?": runs user images through a model version and writes the chosen taps as {@code .npz}
 * ({@code <tap>.npy}: float32 {@code (N, C, H, W)}, or {@code (N, units)} for flat layers; {@code input.npy}: the
 * preprocessed float32 input {@code (N, 3, S, S)} exactly as the model received it), so researchers can compare it
 * with {@code torch.jit.load(...)(x)} locally. Each tap is spooled to a temporary file while the batches stream,
 * so memory stays bounded by one batch; the request is limited by {@code striate.runtime.export.*}.
 */
public final class ActivationExport {
  private final DjlModelRuntime runtime;
  private final RuntimeProperties.Export limits;

  public ActivationExport(DjlModelRuntime runtime, RuntimeProperties properties) {
    this.runtime = runtime;
    this.limits = properties.export();
  }

  /**
   * @param taps taps to export; empty = the model's candidate layers
   * @throws ActivationRequestException too many images, unknown tap, or a response over the size limit
   * @throws InvalidModelException      when the model cannot be run
   */
  public void writeNpz(ModelSource source, List<RgbImage> images, List<String> taps, OutputStream out)
      throws IOException {
    if (images.isEmpty()) {
      throw new ActivationRequestException("no-images", "/images", "send at least one image");
    }
    if (images.size() > limits.maxImages()) {
      throw new ActivationRequestException("too-many-images", "/images",
          images.size() + " images, at most " + limits.maxImages() + " per request");
    }
    try (DjlBrainModel model = runtime.load(source)) {
      List<String> chosen = taps == null || taps.isEmpty() ? model.contract().candidateLayers() : taps;
      long bytes = 0;
      int size = model.contract().inputSize();
      for (int i = 0; i < chosen.size(); i++) {
        LayerShape shape = model.tapShapes().get(chosen.get(i));
        if (shape == null) {
          throw new ActivationRequestException("unknown-tap", "/taps/" + i, "no tap '" + chosen.get(i)
              + "'; the model has " + model.tapShapes().keySet().stream().sorted().toList());
        }
        bytes += 4L * images.size() * shape.units();
      }
      bytes += 4L * images.size() * 3 * size * size;
      if (bytes > limits.maxBytes().toBytes()) {
        throw new ActivationRequestException("response-too-large", "/taps", "the response would be "
            + (bytes >> 20) + " MiB, limit " + limits.maxBytes().toMegabytes() + " MiB; send fewer images or taps");
      }
      writeNpz(model, images, chosen, out);
    }
  }

  /** Writes {@code input} and {@code taps} of {@code model} for {@code images} (no limits applied). */
  public static void writeNpz(DjlBrainModel model, List<RgbImage> images, List<String> taps, OutputStream out)
      throws IOException {
    Path spool = Files.createTempDirectory("striate-npz");
    Map<String, Path> files = new LinkedHashMap<>();
    Map<String, DataOutputStream> streams = new LinkedHashMap<>();
    try {
      for (String tap : taps) {
        Path f = spool.resolve(files.size() + ".f32");
        files.put(tap, f);
        streams.put(tap, new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(f), 1 << 16)));
      }
      StimulusSet stimuli = new StimulusSet() {
        @Override
        public int size() {
          return images.size();
        }

        @Override
        public String id(int index) {
          return Integer.toString(index);
        }

        @Override
        public RgbImage image(int index) {
          return images.get(index);
        }
      };
      model.extract(stimuli, taps, Map.of(), (tap, first, rows) -> {
        try {
          DataOutputStream s = streams.get(tap);
          for (float[] row : rows) s.write(littleEndian(row));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }, Progress.NONE);
      for (DataOutputStream s : streams.values()) s.close();
      ImagePreprocessing prep = ImagePreprocessing.of(model.contract());
      int n = images.size();
      int size = prep.size();
      try (NpzWriter npz = new NpzWriter(out)) {
        float[] input = new float[prep.floatsPerImage()];
        ByteBuffer all = ByteBuffer.allocate(n * input.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (RgbImage image : images) {
          prep.toTensor(image, input, 0);
          for (float v : input) all.putFloat(v);
        }
        npz.addFloat32("input", new long[] {n, 3, size, size}, new java.io.ByteArrayInputStream(all.array()));
        for (String tap : taps) {
          LayerShape s = model.layerShape(tap);
          long[] shape = s.height() == 1 && s.width() == 1 ? new long[] {n, s.channels()}
              : new long[] {n, s.channels(), s.height(), s.width()};
          try (InputStream in = Files.newInputStream(files.get(tap))) {
            npz.addFloat32(tap, shape, in);
          }
        }
      }
    } finally {
      for (DataOutputStream s : streams.values()) {
        try {
          s.close();
        } catch (IOException ignored) {
          // already closed
        }
      }
      for (Path f : new ArrayList<>(files.values())) Files.deleteIfExists(f);
      Files.deleteIfExists(spool);
    }
  }

  private static byte[] littleEndian(float[] row) {
    ByteBuffer b = ByteBuffer.allocate(row.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(row);
    return b.array();
  }
}
