package io.striate.model.preflight;

import io.striate.model.ModelSource;
import io.striate.model.isolation.ChildJvm;
import io.striate.model.runtime.InvalidModelException;
import io.striate.model.runtime.ModelProblem;
import io.striate.model.runtime.RuntimeProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the upload check in a child JVM ({@link ChildJvm}: {@code java -cp <this classpath> PreflightMain ...}),
 * which dies with this process ({@link io.striate.model.isolation.ParentWatchdog}), so that a model which
 * crashes libtorch (SIGSEGV, abort, OOM) or hangs kills only the child: a crash is reported as
 * {@link ModelProblem#MODEL_CRASHED}, a hang past the timeout as {@link ModelProblem#PREFLIGHT_TIMEOUT} (the child
 * is killed), a rejection with the child's own code, field and hint.
 */
public final class PreflightProcess {
  private static final Logger log = LoggerFactory.getLogger(PreflightProcess.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Time allowed on top of the check's own timeout for the child JVM and the engine to start. */
  static final long STARTUP_GRACE_MILLIS = 30_000;

  private final RuntimeProperties properties;
  private final String mainClass;
  private final long startupGraceMillis;
  private final Path workRoot;

  public PreflightProcess(RuntimeProperties properties) {
    this(properties, Path.of(System.getProperty("java.io.tmpdir")));
  }

  /** @param workRoot where the children's work folders go (the storage directory's temporary folder) */
  public PreflightProcess(RuntimeProperties properties, Path workRoot) {
    this(properties, PreflightMain.class.getName(), STARTUP_GRACE_MILLIS, workRoot);
  }

  /** @param mainClass the child's entry point (tests substitute one that crashes or hangs) */
  PreflightProcess(RuntimeProperties properties, String mainClass, long startupGraceMillis) {
    this(properties, mainClass, startupGraceMillis, Path.of(System.getProperty("java.io.tmpdir")));
  }

  PreflightProcess(RuntimeProperties properties, String mainClass, long startupGraceMillis, Path workRoot) {
    this.properties = properties;
    this.mainClass = mainClass;
    this.startupGraceMillis = startupGraceMillis;
    this.workRoot = workRoot;
  }

  /**
   * @throws InvalidModelException the child's rejection, {@code model-crashed} or {@code preflight-timeout}
   */
  public PreflightResult check(ModelSource source) {
    Path work = null;
    try {
      work = Files.createTempDirectory(workRoot, "striate-preflight");
      RuntimeProperties.Preflight limits = properties.preflight();
      // the child's own deadline covers load + forward; allow JVM and engine start on top
      ChildJvm.Outcome outcome = ChildJvm.run(mainClass, limits.childHeap(), arguments(source, work), work,
          java.time.Duration.ofMillis(limits.timeout().toMillis() + startupGraceMillis));
      if (outcome.timedOut()) {
        throw new InvalidModelException(ModelProblem.PREFLIGHT_TIMEOUT, "/artifact",
            "the check did not finish within " + limits.timeout().toSeconds() + " s; the checking process was killed");
      }
      return interpret(outcome.exit(), outcome.stdout(), tail(outcome.stderr()), outcome.crashReport());
    } catch (IOException | JacksonException e) { // an unreadable answer, as with Jackson 2's checked exception
      throw new IllegalStateException("cannot run the preflight process", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during preflight", e);
    } finally {
      ChildJvm.deleteQuietly(work);
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
    String code = answer.path("code").asString();
    if (code.equals("internal")) {
      throw new IllegalStateException("preflight child failed: " + answer.path("message").asString());
    }
    ModelProblem problem = ModelProblem.fromCode(code);
    throw new InvalidModelException(problem, answer.path("field").asString("/artifact"),
        answer.path("message").asString(), answer.path("hint").asString(problem.hint()), null);
  }

  List<String> arguments(ModelSource source, Path work) throws IOException {
    RuntimeProperties.Preflight limits = properties.preflight();
    List<String> args = new ArrayList<>(ChildJvm.sourceArgs(source, work));
    args.add("batchSize=" + properties.batchSize());
    args.add("timeoutMillis=" + limits.timeout().toMillis());
    args.add("maxMillisPerImage=" + limits.maxMillisPerImage());
    args.add("maxMemoryBytes=" + limits.maxMemory().toBytes());
    args.add("minTapUnits=" + limits.minTapUnits());
    return args;
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    } catch (IOException | java.io.UncheckedIOException e) {
      return "";
    }
  }
}
