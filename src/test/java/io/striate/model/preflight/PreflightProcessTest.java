package io.striate.model.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.striate.model.ModelSource;
import io.striate.model.runtime.Fixtures;
import io.striate.model.runtime.InvalidModelException;
import io.striate.model.runtime.ModelProblem;
import io.striate.model.runtime.RuntimeProperties;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** The isolated check: real child JVMs, one of which really segfaults and one of which hangs. */
class PreflightProcessTest {
  @TempDir
  Path dir;

  private static RuntimeProperties props(Duration timeout) {
    return RuntimeProperties.defaults().withBatchSize(4).withPreflight(
        new RuntimeProperties.Preflight(true, timeout, 2000, DataSize.ofGigabytes(1), 25, "512m"));
  }

  private ModelSource source(String fixture, String metadata) throws Exception {
    return new ModelSource(1, "abc", ModelSource.Kind.TORCHSCRIPT, Fixtures.copy(fixture, dir), null, metadata);
  }

  @Test
  void childAcceptsAValidModelAndReportsTheSameAsInProcess() throws Exception {
    PreflightResult r = new PreflightProcess(props(Duration.ofSeconds(60))).check(source("tiny_dict.pt", "{}"));
    assertThat(r.taps()).extracting(PreflightResult.Tap::name).containsExactly("conv1", "pool1", "conv2");
    assertThat(r.parameterBytes()).isEqualTo(4L * (4 * 3 * 9 + 4 + 8 * 4 * 9 + 8 + 512 * 10 + 10));
    assertThat(r.engine()).contains("cpu");
  }

  @Test
  void childRejectionKeepsCodeFieldAndHint() throws Exception {
    ModelSource s = source("tiny_dict.pt", "{\"taps\":[\"conv1\",\"fc\"]}");
    assertThatThrownBy(() -> new PreflightProcess(props(Duration.ofSeconds(60))).check(s))
        .isInstanceOfSatisfying(InvalidModelException.class, e -> {
          assertThat(e.problem()).isEqualTo(ModelProblem.TAP_TOO_SMALL);
          assertThat(e.field()).isEqualTo("/taps/1");
          assertThat(e.hint()).isEqualTo(ModelProblem.TAP_TOO_SMALL.hint());
        });
  }

  @Test
  void nativeCrashOfTheChildIsReportedNotFatal() throws Exception {
    ModelSource s = source("tiny_dict.pt", "{}");
    PreflightProcess crashing = new PreflightProcess(props(Duration.ofSeconds(60)), CrashingMain.class.getName(),
        PreflightProcess.STARTUP_GRACE_MILLIS);
    assertThatThrownBy(() -> crashing.check(s)).isInstanceOfSatisfying(InvalidModelException.class, e -> {
      assertThat(e.problem()).isEqualTo(ModelProblem.MODEL_CRASHED);
      assertThat(e.code()).isEqualTo("model-crashed");
      assertThat(e.getMessage()).contains("native crash");
    });
  }

  @Test
  void hangingChildIsKilledAfterTheTimeout() throws Exception {
    ModelSource s = source("tiny_dict.pt", "{}");
    PreflightProcess hanging = new PreflightProcess(props(Duration.ofMillis(500)), HangingMain.class.getName(), 1500);
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> hanging.check(s)).isInstanceOfSatisfying(InvalidModelException.class,
        e -> assertThat(e.problem()).isEqualTo(ModelProblem.PREFLIGHT_TIMEOUT));
    assertThat((System.nanoTime() - t0) / 1e9).isLessThan(20);
  }
}
