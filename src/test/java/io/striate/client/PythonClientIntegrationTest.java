package io.striate.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.striate.support.IntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs the Python client's own tests ({@code clients/python/tests}, {@code python3 -m unittest}) against this
 * running Striate: submit → wait → scores → compare → a failing gate, through the CLI and the Python API. Skipped,
 * with a message, only when no python3 is installed.
 */
class PythonClientIntegrationTest extends IntegrationTest {
  private static final Pattern RAN = Pattern.compile("Ran (\\d+) tests?");
  /** The client's test count when this was written; fewer means tests went missing. */
  private static final int EXPECTED_TESTS = 10;

  private static String python() {
    for (String candidate : List.of("/usr/bin/python3", "python3")) {
      try {
        Process p = new ProcessBuilder(candidate, "--version").redirectErrorStream(true).start();
        if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return candidate;
        }
      } catch (IOException e) {
        // try the next one
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return null;
  }

  @Test
  void pythonClientTestsPassAgainstTheRunningServer() throws Exception {
    String python = python();
    Assumptions.assumeTrue(python != null, "python3 is absent: the Python client's tests are skipped "
        + "(apt-get install python3)");
    String token = userToken("python-client");
    Path log = Files.createTempFile("striate-python-tests-", ".log");
    ProcessBuilder pb = new ProcessBuilder(python, "-m", "unittest", "discover", "-s", "clients/python/tests", "-v")
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("STRIATE_URL", "http://localhost:" + port);
    pb.environment().put("STRIATE_TOKEN", token);
    pb.environment().put("PYTHONPATH", Path.of("clients/python").toAbsolutePath().toString());
    pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
    Process p = pb.start();
    boolean done = p.waitFor(10, TimeUnit.MINUTES);
    if (!done) {
      p.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    System.out.println(output);
    assertThat(done).as("python tests finished in time").isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    Matcher ran = RAN.matcher(output);
    assertThat(ran.find()).as(output).isTrue();
    assertThat(Integer.parseInt(ran.group(1))).isGreaterThanOrEqualTo(EXPECTED_TESTS);
    assertThat(output).doesNotContain("skipped 'STRIATE_URL");
  }
}
