package io.striate.model.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.striate.model.ModelSource;
import io.striate.model.runtime.Fixtures;
import io.striate.model.runtime.RuntimeProperties;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
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

  /** Largest relative difference of the derived spec with the upload's weights from the upload itself. */
  static final double SPEC_EQUALS_UPLOAD = 1e-5;

  @Test
  void aVOneBlockGetsTheSpecOfItsOwnBankTimedFullAndCroppedInTheSamePreflight() throws Exception {
    PreflightResult r = PreflightCheckTest.check(PreflightCheckTest.limits()).check(source("fastpath_vone.pt"));
    FastPath f = r.fastPath();
    assertThat(f).isNotNull();
    assertThat(f.blocks()).containsExactly("vone");
    assertThat(f.referenceSpec()).isEqualTo("vone-v1");
    // the fixture's bank: 48 + 48 filters of 25 px at stride 4 (tools/fastpath_fixtures.py)
    JsonNode layer = f.spec().get("layers").get(0);
    assertThat(layer.get("simpleChannels").asInt() + layer.get("complexChannels").asInt()).isEqualTo(96);
    assertThat(layer.get("kernel").asInt()).isEqualTo(25);
    assertThat(layer.get("stride").asInt()).isEqualTo(4);
    assertThat(f.specMillisPerImage()).isPositive();
    assertThat(f.croppedMillisPerImage()).isPositive().isLessThan(f.specMillisPerImage());
    assertThat(f.ratio()).isCloseTo(r.millisPerImage() / f.croppedMillisPerImage(), within(1e-9));
    assertThat(f.fullRatio()).isCloseTo(r.millisPerImage() / f.specMillisPerImage(), within(1e-9));
    assertThat(f.message()).contains("has a Striate block (vone)", "RF cropping", "96 Gabor filters of 25 px at "
        + "stride 4", "\"stride\":4", "at 224 px", String.format(java.util.Locale.ROOT, "%.1f× faster", f.ratio()));
    System.out.printf("[fast-path] fastpath_vone.pt %.2f ms/image; its spec %.2f full, %.2f cropped ms/image: "
        + "%.2fx full, %.2fx cropped%n", r.millisPerImage(), f.specMillisPerImage(), f.croppedMillisPerImage(),
        f.fullRatio(), f.ratio());
  }

  /**
   * The advice is right: the derived spec with the upload's state_dict (tools/fastpath_fixtures.py writes it as npz)
   * computes what the upload computes, on the same seeded noise, to {@link #SPEC_EQUALS_UPLOAD} relative.
   */
  @Test
  void theDerivedSpecWithTheUploadsWeightsIsTheUpload() throws Exception {
    var runtime = io.striate.model.runtime.DjlModelRuntime.create(io.striate.model.runtime.TestEngine.get(),
        RuntimeProperties.defaults());
    FastPath f = PreflightCheckTest.check(PreflightCheckTest.limits()).check(source("fastpath_vone.pt")).fastPath();
    float[] x = PreflightCheck.randomImages(1, 224);
    float[] upload;
    try (var n = runtime.loadNetwork(source("fastpath_vone.pt")).network()) {
      upload = runtime.engine().call(() -> n.forward(x, 1, 224, null)).get("output").data();
    }
    ModelSource spec = new ModelSource(2, "spec", ModelSource.Kind.BLOCK_SPEC,
        Fixtures.copy("fastpath_vone_weights.npz", dir), f.spec().toString(), "{}");
    float[] asSpec;
    try (var n = runtime.loadNetwork(spec).network()) {
      asSpec = runtime.engine().call(() -> n.forward(x, 1, 224, null)).get("vone").data();
    }
    assertThat(asSpec).hasSameSizeAs(upload);
    double max = 0;
    double scale = 0;
    for (int i = 0; i < upload.length; i++) {
      max = Math.max(max, Math.abs(asSpec[i] - upload[i]));
      scale = Math.max(scale, Math.abs(upload[i]));
    }
    System.out.printf("[fast-path] derived spec vs upload: largest relative difference %.2e%n", max / scale);
    assertThat(max / scale).isLessThan(SPEC_EQUALS_UPLOAD);
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
    assertThat(f.spec()).isNotNull();
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
