package io.striate.model.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.striate.model.ModelSource;
import io.striate.model.runtime.Fixtures;
import io.striate.model.runtime.RuntimeProperties;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/**
 * The preflight's fast-path hint on TorchScript archives written by Debian torch 1.13 (tools/fastpath_fixtures.py):
 * in this JVM ({@link PreflightCheck}) and through the child JVM's JSON line ({@link PreflightProcess}).
 */
class FastPathHintTest {
  @TempDir
  Path dir;

  ModelSource source(String fixture) throws Exception {
    return new ModelSource(1, "abc", ModelSource.Kind.TORCHSCRIPT, Fixtures.copy(fixture, dir), null, "{}");
  }

  @Test
  void aVOneBlockIsTimedAgainstVoneV1InTheSamePreflight() throws Exception {
    PreflightResult r = PreflightCheckTest.check(PreflightCheckTest.limits()).check(source("fastpath_vone.pt"));
    FastPath f = r.fastPath();
    assertThat(f).isNotNull();
    assertThat(f.blocks()).containsExactly("vone");
    assertThat(f.referenceSpec()).isEqualTo("vone-v1");
    assertThat(f.specMillisPerImage()).isPositive();
    assertThat(f.ratio()).isCloseTo(r.millisPerImage() / f.specMillisPerImage(), within(1e-9));
    assertThat(f.message()).contains("has a Striate block (vone)", "RF cropping", "vone-v1",
        "96 × 3 × 25 × 25", "at 224 px", String.format(java.util.Locale.ROOT, "ratio %.2f", f.ratio()));
    System.out.printf("[fast-path] fastpath_vone.pt %.2f ms/image, vone-v1 %.2f ms/image, ratio %.3f%n",
        r.millisPerImage(), f.specMillisPerImage(), f.ratio());
  }

  @Test
  void mappedModulesWithoutAReferenceSpecGetTheHintWithoutARatio() throws Exception {
    FastPath f = PreflightCheckTest.check(PreflightCheckTest.limits()).check(source("fastpath_stack.pt")).fastPath();
    assertThat(f.blocks()).containsExactly("conv2d", "batchnorm", "relu", "maxpool", "sequential", "residual");
    assertThat(f.referenceSpec()).isNull();
    assertThat(f.specMillisPerImage()).isNull();
    assertThat(f.ratio()).isNull();
    assertThat(f.message()).contains("sequential, residual layers would still run the full input",
        "no speed ratio was measured");
  }

  @Test
  void anUnmappedClassOrAComputingRootGetsNoHint() throws Exception {
    PreflightCheck check = PreflightCheckTest.check(PreflightCheckTest.limits());
    assertThat(check.check(source("fastpath_unmapped.pt")).fastPath()).isNull();
    assertThat(check.check(source("fastpath_operator.pt")).fastPath()).isNull();
    assertThat(check.check(source("tiny_dict.pt")).fastPath()).isNull();
  }

  @Test
  void tooLittleTimeLeftMeansNoRatioNeverAFailedUpload() throws Exception {
    // the whole preflight may take 5 s, less than the reference spec's reserve: the hint stays, the timing is skipped
    var limits = new RuntimeProperties.Preflight(false, Duration.ofSeconds(5), 2000, DataSize.ofGigabytes(1), 25, "1g");
    FastPath f = PreflightCheckTest.check(limits).check(source("fastpath_vone.pt")).fastPath();
    assertThat(f.referenceSpec()).isEqualTo("vone-v1");
    assertThat(f.ratio()).isNull();
    assertThat(f.specMillisPerImage()).isNull();
    assertThat(f.message()).contains("could not be timed");
  }

  @Test
  void theHintSurvivesTheChildJvmsJsonLine() throws Exception {
    RuntimeProperties props = RuntimeProperties.defaults().withBatchSize(4).withPreflight(
        new RuntimeProperties.Preflight(true, Duration.ofSeconds(60), 2000, DataSize.ofGigabytes(1), 25, "512m"));
    FastPath f = new PreflightProcess(props).check(source("fastpath_stack.pt")).fastPath();
    assertThat(f).isNotNull();
    assertThat(f.blocks()).contains("conv2d", "residual");
    assertThat(f.message()).startsWith("Every module class in this TorchScript archive has a Striate block");
  }
}
