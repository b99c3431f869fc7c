package io.striate.model.isolation;

import io.striate.model.ModelSource;
import io.striate.model.RgbImage;
import io.striate.model.runtime.ActivationExport;
import io.striate.model.runtime.ActivationRequestException;
import io.striate.model.runtime.DjlModelRuntime;
import io.striate.model.runtime.InferenceEngine;
import io.striate.model.runtime.InvalidModelException;
import io.striate.model.runtime.RuntimeProperties;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/**
 * Entry point of an activation child JVM ({@link ModelActivations}): runs the images of {@code images=<file>}
 * through the model and writes the {@code .npz} to {@code out=<file>}, then prints one line
 * {@value #RESULT_PREFIX}{@code {json}}: {@code {"ok":true}} or {@code {"ok":false,"type":"request"|"model",
 * "code":..,"field":..,"message":..,"hint":..}}. Other arguments: the model's source (as {@code PreflightMain}),
 * {@code taps} (comma-separated, empty = candidate layers), {@code batchSize}, {@code maxImages}, {@code maxBytes}.
 * Dies with its parent ({@link ParentWatchdog}); always runs on the CPU.
 */
public final class ActivationMain {
  public static final String RESULT_PREFIX = "STRIATE-ACTIVATIONS ";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ActivationMain() {
  }

  public static void main(String[] args) throws IOException {
    ParentWatchdog.start();
    Map<String, Object> answer = new LinkedHashMap<>();
    int status = 0;
    try {
      Map<String, String> a = new HashMap<>();
      for (String arg : args) {
        int eq = arg.indexOf('=');
        a.put(arg.substring(0, eq), arg.substring(eq + 1));
      }
      RuntimeProperties props = new RuntimeProperties("cpu", 1, 0, Integer.parseInt(a.get("batchSize")),
          RuntimeProperties.Preflight.defaults(), new RuntimeProperties.Export(Integer.parseInt(a.get("maxImages")),
          DataSize.ofBytes(Long.parseLong(a.get("maxBytes")))));
      ModelSource source = new ModelSource(0, a.get("sha256"), ModelSource.Kind.valueOf(a.get("kind")),
          a.containsKey("artifact") ? Path.of(a.get("artifact")) : null,
          a.containsKey("spec") ? Files.readString(Path.of(a.get("spec"))) : null,
          a.containsKey("metadata") ? Files.readString(Path.of(a.get("metadata"))) : "{}");
      List<String> taps = a.getOrDefault("taps", "").isEmpty() ? List.of()
          : Arrays.asList(a.get("taps").split(","));
      List<RgbImage> images = readImages(Path.of(a.get("images")));
      try (InferenceEngine engine = new InferenceEngine(props);
           OutputStream out = Files.newOutputStream(Path.of(a.get("out")))) {
        new ActivationExport(DjlModelRuntime.create(engine, props), props).writeNpz(source, images, taps, out);
      }
      answer.put("ok", true);
    } catch (ActivationRequestException e) {
      failure(answer, "request", e.code(), e.field(), e.getMessage(), e.hint());
      status = 2;
    } catch (InvalidModelException e) {
      failure(answer, "model", e.code(), e.field(), e.getMessage(), e.hint());
      status = 2;
    } catch (Exception | Error e) {
      failure(answer, "internal", "internal", null, e.toString(), null);
      status = 3;
    }
    System.out.println(RESULT_PREFIX + JSON.writeValueAsString(answer));
    System.out.flush();
    Runtime.getRuntime().halt(status);
  }

  private static void failure(Map<String, Object> answer, String type, String code, String field, String message,
                              String hint) {
    answer.put("ok", false);
    answer.put("type", type);
    answer.put("code", code);
    answer.put("field", field);
    answer.put("message", message);
    answer.put("hint", hint);
  }

  static void writeImages(List<RgbImage> images, Path file) throws IOException {
    try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
      out.writeInt(images.size());
      for (RgbImage image : images) {
        out.writeInt(image.width());
        out.writeInt(image.height());
        out.write(image.rgb());
      }
    }
  }

  static List<RgbImage> readImages(Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
      int n = in.readInt();
      List<RgbImage> images = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int w = in.readInt();
        int h = in.readInt();
        byte[] rgb = new byte[Math.multiplyExact(Math.multiplyExact(w, h), 3)];
        in.readFully(rgb);
        images.add(new RgbImage(w, h, rgb));
      }
      return images;
    }
  }
}
