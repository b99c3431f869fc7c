package io.striate.model.preflight;

import io.striate.model.ModelSource;
import io.striate.model.runtime.DjlModelRuntime;
import io.striate.model.runtime.InferenceEngine;
import io.striate.model.runtime.InvalidModelException;
import io.striate.model.runtime.RuntimeProperties;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/**
 * Entry point of the preflight child JVM ({@link PreflightProcess}): checks one model and prints one line
 * {@value #RESULT_PREFIX}{@code {json}} to stdout, either {@code {"ok":true,"result":{...}}} or
 * {@code {"ok":false,"code":..,"field":..,"message":..,"hint":..}}. Exit status 0 = accepted, 2 = rejected,
 * 3 = internal error. Arguments are {@code key=value}: {@code kind}, {@code artifact}, {@code spec} (file),
 * {@code metadata} (file), {@code sha256}, {@code batchSize}, {@code timeoutMillis}, {@code maxMillisPerImage},
 * {@code maxMemoryBytes}, {@code minTapUnits}. The child always runs on the CPU.
 */
public final class PreflightMain {
  public static final String RESULT_PREFIX = "STRIATE-PREFLIGHT ";
  static final int ACCEPTED = 0;
  static final int REJECTED = 2;
  static final int INTERNAL = 3;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private PreflightMain() {
  }

  public static void main(String[] args) {
    io.striate.model.isolation.ParentWatchdog.start(); // the check ends when the API that asked for it ends
    int status = run(args, System.out);
    System.out.flush();
    Runtime.getRuntime().halt(status); // no waiting for the engine's native threads
  }

  static int run(String[] args, PrintStream out) {
    Map<String, Object> answer = new LinkedHashMap<>();
    int status;
    try {
      Map<String, String> a = parse(args);
      RuntimeProperties.Preflight limits = new RuntimeProperties.Preflight(false,
          Duration.ofMillis(Long.parseLong(a.getOrDefault("timeoutMillis", "120000"))),
          Double.parseDouble(a.getOrDefault("maxMillisPerImage", "2000")),
          DataSize.ofBytes(Long.parseLong(a.getOrDefault("maxMemoryBytes", Long.toString(8L << 30)))),
          Integer.parseInt(a.getOrDefault("minTapUnits", "25")), "1g");
      RuntimeProperties props = new RuntimeProperties("cpu", 1, 0,
          Integer.parseInt(a.getOrDefault("batchSize", "32")), limits, RuntimeProperties.Export.defaults());
      ModelSource source = new ModelSource(0, a.getOrDefault("sha256", "upload"),
          ModelSource.Kind.valueOf(a.get("kind")), a.containsKey("artifact") ? Path.of(a.get("artifact")) : null,
          a.containsKey("spec") ? Files.readString(Path.of(a.get("spec"))) : null,
          a.containsKey("metadata") ? Files.readString(Path.of(a.get("metadata"))) : "{}");
      try (InferenceEngine engine = new InferenceEngine(props)) {
        PreflightResult result = new PreflightCheck(DjlModelRuntime.create(engine, props)).check(source);
        answer.put("ok", true);
        answer.put("result", result);
        status = ACCEPTED;
      }
    } catch (InvalidModelException e) {
      answer.put("ok", false);
      answer.put("code", e.code());
      answer.put("field", e.field());
      answer.put("message", e.getMessage());
      answer.put("hint", e.hint());
      status = REJECTED;
    } catch (Exception | Error e) {
      answer.clear();
      answer.put("ok", false);
      answer.put("code", "internal");
      answer.put("message", e.toString());
      status = INTERNAL;
    }
    try {
      out.println(RESULT_PREFIX + JSON.writeValueAsString(answer));
    } catch (Exception e) {
      out.println(RESULT_PREFIX + "{\"ok\":false,\"code\":\"internal\",\"message\":\"cannot serialise result\"}");
      return INTERNAL;
    }
    return status;
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> map = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq <= 0) throw new IllegalArgumentException("expected key=value, got " + arg);
      map.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    if (!map.containsKey("kind")) throw new IllegalArgumentException("kind= is required");
    return map;
  }
}
