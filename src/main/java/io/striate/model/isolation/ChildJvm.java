package io.striate.model.isolation;

import io.striate.model.ModelSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

/**
 * Starts a child JVM on this process's classpath ({@code java -cp <classpath> Main args}, or Spring Boot's
 * {@code PropertiesLauncher} with {@code -Dloader.main} from the fat jar), waits for it with a deadline and kills it
 * past the deadline. The child's stdin is a pipe the parent keeps open until the child ends, so a child that installs
 * {@link ParentWatchdog} dies with its parent. stdout and stderr go to files in the work folder, as does the JVM's
 * fatal-error report of a native crash ({@code hs_err_<pid>.log}).
 */
public final class ChildJvm {
  private static final String BOOT_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

  private ChildJvm() {
  }

  /** How a child ended. {@code exit} is -1 when it was killed at the deadline. */
  public record Outcome(int exit, boolean timedOut, String stdout, Path stderr, Path crashReport) {
  }

  /** Starts the child (stdin piped, output to {@code work/stdout} and {@code work/stderr}). */
  public static Process start(String mainClass, String heap, List<String> args, Path work) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + heap);
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-XX:TieredStopAtLevel=1"); // short-lived: C1 only starts faster and uses less memory
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
    cmd.addAll(args);
    return new ProcessBuilder(cmd).redirectOutput(work.resolve("stdout").toFile())
        .redirectError(work.resolve("stderr").toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
  }

  /** Runs the child to its end or to the deadline (then kills it). */
  public static Outcome run(String mainClass, String heap, List<String> args, Path work, Duration deadline)
      throws IOException, InterruptedException {
    Process child = start(mainClass, heap, args, work);
    OutputStream parentPipe = child.getOutputStream(); // held open: closing it would end the watchdog's wait
    try {
      boolean finished = child.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS);
      if (!finished) {
        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      return new Outcome(finished ? child.exitValue() : -1, !finished,
          Files.readString(work.resolve("stdout"), StandardCharsets.UTF_8), work.resolve("stderr"),
          crashReport(work));
    } catch (InterruptedException e) {
      child.destroyForcibly();
      throw e;
    } finally {
      parentPipe.close();
    }
  }

  /** {@code key=value} arguments describing where a model's content is (see {@code PreflightMain}). */
  public static List<String> sourceArgs(ModelSource source, Path work) throws IOException {
    List<String> args = new ArrayList<>();
    args.add("kind=" + source.kind().name());
    args.add("sha256=" + (source.sha256() == null ? "upload" : source.sha256()));
    if (source.artifact() != null) args.add("artifact=" + source.artifact().toAbsolutePath());
    if (source.specJson() != null) {
      args.add("spec=" + Files.writeString(work.resolve("spec.json"), source.specJson()));
    }
    if (source.metadataJson() != null) {
      args.add("metadata=" + Files.writeString(work.resolve("metadata.json"), source.metadataJson()));
    }
    return args;
  }

  private static Path crashReport(Path work) throws IOException {
    try (var files = Files.list(work)) {
      return files.filter(p -> p.getFileName().toString().startsWith("hs_err_")).findFirst().orElse(null);
    }
  }

  private static boolean isBootJar(String classpath) {
    if (classpath.contains(java.io.File.pathSeparator) || !classpath.endsWith(".jar")) return false;
    try (JarFile jar = new JarFile(classpath)) {
      return jar.getEntry("BOOT-INF/") != null || jar.getEntry("BOOT-INF/classes/") != null;
    } catch (IOException e) {
      return false;
    }
  }

  /** Deletes a work folder and everything in it, quietly. */
  public static void deleteQuietly(Path dir) {
    if (dir == null) return;
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort
    }
  }
}
