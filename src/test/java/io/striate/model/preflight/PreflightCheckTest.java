package io.striate.model.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.striate.model.ModelSource;
import io.striate.model.runtime.DjlModelRuntime;
import io.striate.model.runtime.Fixtures;
import io.striate.model.runtime.InvalidModelException;
import io.striate.model.runtime.ModelProblem;
import io.striate.model.runtime.RuntimeProperties;
import io.striate.model.runtime.TestEngine;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** The in-process upload check on the Debian-torch fixtures. */
class PreflightCheckTest {
  /** TinyNet parameters: conv1 4·3·3·3+4, conv2 8·4·3·3+8, fc 512·10+10 floats (tools/runtime_fixtures.py). */
  private static final long TINY_NET_PARAMETER_BYTES = 4L * (4 * 3 * 9 + 4 + 8 * 4 * 9 + 8 + 512 * 10 + 10);

  @TempDir
  Path dir;

  static PreflightCheck check(RuntimeProperties.Preflight limits) {
    RuntimeProperties props = RuntimeProperties.defaults().withBatchSize(4).withPreflight(limits);
    return new PreflightCheck(DjlModelRuntime.create(TestEngine.get(), props));
  }

  static RuntimeProperties.Preflight limits() {
    return new RuntimeProperties.Preflight(false, Duration.ofSeconds(60), 2000, DataSize.ofGigabytes(1), 25, "1g");
  }

  ModelSource source(String fixture, String metadata) throws Exception {
    return new ModelSource(1, "abc", ModelSource.Kind.TORCHSCRIPT, Fixtures.copy(fixture, dir), null, metadata);
  }

  @Test
  void acceptsTinyDictModelAndReportsTapsAndEstimates() throws Exception {
    PreflightResult r = check(limits()).check(source("tiny_dict.pt", "{}"));
    assertThat(r.inputSize()).isEqualTo(32);
    assertThat(r.taps()).extracting(PreflightResult.Tap::name).containsExactly("conv1", "pool1", "conv2");
    assertThat(r.taps().get(0)).isEqualTo(new PreflightResult.Tap("conv1", 4, 32, 32, 4096));
    assertThat(r.parameterBytes()).isEqualTo(TINY_NET_PARAMETER_BYTES);
    // input 3·32·32 + outputs conv1 4096 + pool1 1024 + conv2 2048 + fc 10 floats
    assertThat(r.activationBytesPerImage()).isEqualTo(4L * (3 * 32 * 32 + 4096 + 1024 + 2048 + 10));
    assertThat(r.estimatedBatchBytes()).isEqualTo(TINY_NET_PARAMETER_BYTES + 2L * 4 * r.activationBytesPerImage());
    assertThat(r.millisPerImage()).isPositive();
    assertThat(r.engine()).contains("PyTorch");
  }

  @Test
  void calibratesTheBatchSizeUpToTheScoringOneAndRecommendsOneItTimed() throws Exception {
    RuntimeProperties props = RuntimeProperties.defaults().withBatchSize(16).withPreflight(limits());
    PreflightResult r = new PreflightCheck(DjlModelRuntime.create(TestEngine.get(), props))
        .check(source("tiny_dict.pt", "{}"));
    assertThat(r.batchTimings()).extracting(PreflightResult.BatchTiming::batchSize).containsExactly(4, 8, 16);
    assertThat(r.batchTimings()).allSatisfy(t -> assertThat(t.millisPerImage()).isPositive());
    assertThat(r.fastestBatchSize()).isEqualTo(BatchCalibration.fastest(r.batchTimings())).isIn(4, 8, 16);
  }

  @Test
  void atAScoringBatchSizeOfFourOnlyFourIsTimed() throws Exception {
    PreflightResult r = check(limits()).check(source("tiny_dict.pt", "{}"));
    assertThat(r.batchTimings()).extracting(PreflightResult.BatchTiming::batchSize).containsExactly(4);
    assertThat(r.fastestBatchSize()).isEqualTo(4);
  }

  @Test
  void tapWithFewerThan25UnitsIsRejected() {
    assertRejected("tiny_dict.pt", "{\"taps\":[\"conv1\",\"fc\"]}", limits(), ModelProblem.TAP_TOO_SMALL, "/taps/1");
  }

  @Test
  void slowModelIsRejected() {
    var strict = new RuntimeProperties.Preflight(false, Duration.ofSeconds(60), 1e-6, DataSize.ofGigabytes(1), 25,
        "1g");
    assertRejected("tiny_dict.pt", "{}", strict, ModelProblem.TOO_SLOW, "/artifact");
  }

  @Test
  void largeModelIsRejected() {
    var strict = new RuntimeProperties.Preflight(false, Duration.ofSeconds(60), 2000, DataSize.ofKilobytes(16), 25,
        "1g");
    assertRejected("tiny_dict.pt", "{}", strict, ModelProblem.TOO_LARGE, "/artifact");
  }

  @Test
  void loaderProblemsSurfaceWithTheirCodes() {
    assertRejected("neg_state_dict.pt", "{}", limits(), ModelProblem.NOT_TORCHSCRIPT, "/artifact");
    assertRejected("neg_unknown_op.pt", "{}", limits(), ModelProblem.UNKNOWN_OPERATOR, "/artifact");
    assertRejected("neg_nested_dict.pt", "{}", limits(), ModelProblem.WRONG_OUTPUT_TYPE, "/artifact");
    assertRejected("tiny_dict.pt", "{\"taps\":[\"nope\"]}", limits(), ModelProblem.MISSING_TAP, "/taps/0");
    assertRejected("tiny_dict.pt", "{\"inputSize\":40}", limits(), ModelProblem.SHAPE_MISMATCH, "/inputSize");
    assertRejected("tiny_dict.pt", "{\"mean\":[0.5]}", limits(), ModelProblem.INVALID_METADATA, "/mean");
  }

  private void assertRejected(String fixture, String metadata, RuntimeProperties.Preflight limits,
                              ModelProblem problem, String field) {
    assertThatThrownBy(() -> check(limits).check(source(fixture, metadata)))
        .isInstanceOfSatisfying(InvalidModelException.class, e -> {
          assertThat(e.problem()).as(e.getMessage()).isEqualTo(problem);
          assertThat(e.field()).isEqualTo(field);
          assertThat(e.hint()).isNotBlank();
        });
  }
}
