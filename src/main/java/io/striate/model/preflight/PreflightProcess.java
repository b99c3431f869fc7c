package io.striate.model.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.striate.model.ModelSource;
import io.striate.model.runtime.InvalidModelException;
import io.striate.model.runtime.ModelProblem;
import io.striate.model.runtime.RuntimeProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the upload check in a child JVM ({@code java -cp <this classpath> PreflightMain ...}, or Spring Boot's
 * {@code PropertiesLauncher} with {@code -Dloader.main} when running from the fat jar), so that a model which
 * crashes libtorch (SIGSEGV, abort, OOM) or hangs kills only the child: a crash is reported as
 * {@link ModelProblem#MODEL_CRASHED}, a hang past the timeout as {@link ModelProblem#PREFLIGHT_TIMEOUT} (the child
 * is killed), a rejection with the child's own code, field and hint.
 */
public final class PreflightProcess {
  private static final Logger log = LoggerFactory.getLogger(PreflightProcess.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BOOT_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

  /** Time allowed on top of the check's own timeout for the child JVM and the engine to start. */
  static final long STARTUP_GRACE_MILLIS = 30_000;

  private final RuntimeProperties properties;
  private final String mainClass;
  private final long startupGraceMillis;

  public PreflightProcess(RuntimeProperties properties) {
    this(properties, PreflightMain.class.getName(), STARTUP_GRACE_MILLIS);
  }

  /** @param mainClass the child's entry point (tests substitute one that crashes or hangs) */
  PreflightProcess(RuntimeProperties properties, String mainClass, long startupGraceMillis) {
    this.properties = properties;
    this.mainClass = mainClass;
    this.startupGraceMillis = startupGraceMillis;
  }

  /**
   * @throws InvalidModelException the child's rejection, {@code model-crashed} or {@code preflight-timeout}
   */
  public PreflightResult check(ModelSource source) {
    Path work = null;
    try {
      work = Files.createTempDirectory("striate-preflight");
      List<String> command = command(source, work);
      Path stdout = work.resolve("stdout");
      Path stderr = work.resolve("stderr");
      Process child = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
          .start();
      RuntimeProperties.Preflight limits = properties.preflight();
      // the child's own deadline covers load + forward; allow JVM and engine start on top
      boolean finished = child.waitFor(limits.timeout().toMillis() + startupGraceMillis, TimeUnit.MILLISECONDS);
      if (!finished) {
        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new InvalidModelException(ModelProblem.PREFLIGHT_TIMEOUT, "/artifact",
            "the check did not finish within " + limits.timeout().toSeconds() + " s; the checking process was killed");
      }
      return interpret(child.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
          tail(stderr), nativeCrashReport(work));
    } catch (IOException e) {
      throw new IllegalStateException("cannot run the preflight process", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during preflight", e);
    } finally {
      deleteQuietly(work);
    }
  }

  /** The JVM's fatal-error report of a native crash ({@code hs_err_<pid>.log}), or null. */
  private static Path nativeCrashReport(Path work) throws IOException {
    try (var files = Files.list(work)) {
      return files.filter(p -> p.getFileName().toString().startsWith("hs_err_")).findFirst().orElse(null);
    }
  }

  static PreflightResult interpret(int exit, String stdout, String stderrTail, Path crashReport)
      throws IOException {
    String line = null;
    for (String l : stdout.lines().toList()) {
      if (l.startsWith(PreflightMain.RESULT_PREFIX)) line = l.substring(PreflightMain.RESULT_PREFIX.length());
    }
    if (line == null) {
      String signal = exit > 128 ? " (signal " + (exit - 128) + ")" : "";
      String how = crashReport != null ? "a native crash in PyTorch" : "exit status " + exit + signal;
      log.warn("preflight child died: {}; stderr: {}", how, stderrTail);
      throw new InvalidModelException(ModelProblem.MODEL_CRASHED, "/artifact",
          "the checking process died (" + how + ") before answering");
    }
    JsonNode answer = JSON.readTree(line);
    if (answer.path("ok").asBoolean()) {
      return JSON.treeToValue(answer.get("result"), PreflightResult.class);
    }
    String code = answer.path("code").asText();
    if (code.equals("internal")) {
      throw new IllegalStateException("preflight child failed: " + answer.path("message").asText());
    }
    ModelProblem problem = ModelProblem.fromCode(code);
    throw new InvalidModelException(problem, answer.path("field").asText("/artifact"),
        answer.path("message").asText(), answer.path("hint").asText(problem.hint()), null);
  }

  List<String> command(ModelSource source, Path work) throws IOException {
    RuntimeProperties.Preflight limits = properties.preflight();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + limits.childHeap());
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-XX:-CreateCoredumpOnCrash");
    cmd.add("-XX:ErrorFile=" + work.resolve("hs_err_%p.log"));
    cmd.add("-Dai.djl.offline=true");
    System.getProperties().forEach((k, v) -> {
      String key = k.toString();
      if (key.startsWith("ai.djl.") && !key.equals("ai.djl.offline")) cmd.add("-D" + key + "=" + v);
    });
    String classpath = System.getProperty("java.class.path");
    cmd.add("-cp");
    cmd.add(classpath);
    if (isBootJar(classpath)) {
      cmd.add("-Dloader.main=" + mainClass);
      cmd.add(BOOT_LAUNCHER);
    } else {
      cmd.add(mainClass);
    }
    cmd.add("kind=" + source.kind().name());
    cmd.add("sha256=" + (source.sha256() == null ? "upload" : source.sha256()));
    if (source.artifact() != null) cmd.add("artifact=" + source.artifact().toAbsolutePath());
    if (source.specJson() != null) {
      cmd.add("spec=" + Files.writeString(work.resolve("spec.json"), source.specJson()));
    }
    if (source.metadataJson() != null) {
      cmd.add("metadata=" + Files.writeString(work.resolve("metadata.json"), source.metadataJson()));
    }
    cmd.add("batchSize=" + properties.batchSize());
    cmd.add("timeoutMillis=" + limits.timeout().toMillis());
    cmd.add("maxMillisPerImage=" + limits.maxMillisPerImage());
    cmd.add("maxMemoryBytes=" + limits.maxMemory().toBytes());
    cmd.add("minTapUnits=" + limits.minTapUnits());
    return cmd;
  }

  private static boolean isBootJar(String classpath) {
    if (classpath.contains(java.io.File.pathSeparator) || !classpath.endsWith(".jar")) return false;
    try (JarFile jar = new JarFile(classpath)) {
      return jar.getEntry("BOOT-INF/") != null || jar.getEntry("BOOT-INF/classes/") != null;
    } catch (IOException e) {
      return false;
    }
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    } catch (IOException | java.io.UncheckedIOException e) {
      return "";
    }
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) return;
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      log.debug("cannot delete {}", dir, e);
    }
  }
}
