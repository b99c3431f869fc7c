package io.striate.model.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.striate.model.ModelSource;
import io.striate.model.runtime.InvalidModelException;
import io.striate.model.runtime.ModelProblem;
import io.striate.model.runtime.RuntimeProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** Preflight findings of issue #9: random input, cheap checks before any process, spec memory before building. */
class PreflightHardeningTest {
  @TempDir
  Path dir;

  private static RuntimeProperties props(double maxMillisPerImage, DataSize maxMemory) {
    return RuntimeProperties.defaults().withBatchSize(4).withPreflight(new RuntimeProperties.Preflight(false,
        Duration.ofSeconds(10), maxMillisPerImage, maxMemory, 25, "1g"));
  }

  /**
   * The per-image limit for the spinning model: its 300 k scripted iterations take ~0.3 s per image of a batch of 4
   * on an idle 2-core machine (seconds when loaded), its 8-pixel conv alone ~0.05 ms. The limit sits far below the
   * first and far above the second, so that a fast idle machine cannot pass the spin (it did at 500 ms).
   */
  private static final double SPIN_LIMIT_MILLIS = 20;

  /** tools/make_spinning_model.py: instant on zeros, hundreds of ms per image on anything else. */
  @Test
  void modelThatSpinsOnNonZeroInputIsRejected() throws Exception {
    Path model = dir.resolve("spin.pt");
    Files.copy(Path.of("src/test/resources/fixtures/hardening/spin_on_nonzero.pt"), model);
    var source = new ModelSource(1, "abc", ModelSource.Kind.TORCHSCRIPT, model, null, "{}");
    assertThatThrownBy(() -> PreflightCheckTest.check(props(SPIN_LIMIT_MILLIS, DataSize.ofGigabytes(1)).preflight()).check(source))
        .isInstanceOfSatisfying(InvalidModelException.class, e -> assertThat(e.problem())
            .isIn(ModelProblem.TOO_SLOW, ModelProblem.PREFLIGHT_TIMEOUT));
  }

  @Test
  void junkIsRefusedByTheScreenWithoutLoadingAnything() throws Exception {
    PreflightScreen screen = new PreflightScreen(props(2000, DataSize.ofGigabytes(1)));
    Path oneByte = Files.write(dir.resolve("one"), new byte[] {'x'});
    assertProblem(() -> screen.screen(torchScript(oneByte)), ModelProblem.NOT_TORCHSCRIPT);

    Path zip = dir.resolve("plain.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("hello.txt"));
      out.write("hello".getBytes());
    }
    assertProblem(() -> screen.screen(torchScript(zip)), ModelProblem.NOT_TORCHSCRIPT);

    Path declaredHuge = dir.resolve("huge.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(declaredHuge))) {
      out.putNextEntry(new ZipEntry("m/data.pkl"));
      out.write(1);
      out.putNextEntry(new ZipEntry("m/code/__torch__.py"));
      out.write(new byte[4 << 20]); // 4 MiB of zeros, a few KiB compressed
    }
    PreflightScreen small = new PreflightScreen(props(2000, DataSize.ofMegabytes(1)));
    assertProblem(() -> small.screen(torchScript(declaredHuge)), ModelProblem.TOO_LARGE);
  }

  @Test
  void blockSpecTooLargeForMemoryIsRefusedBeforeItIsBuilt() {
    // a locally-connected layer has one kernel per position: 64·3·9·222² ≈ 76 M floats of parameters
    String spec = "{\"name\":\"big\",\"input\":{\"size\":224,\"mean\":[0,0,0],\"std\":[1,1,1],\"visualDegrees\":8},"
        + "\"layers\":[{\"type\":\"locally-connected\",\"name\":\"lc\",\"outChannels\":64,\"kernel\":3}],"
        + "\"taps\":[\"lc\"]}";
    PreflightScreen screen = new PreflightScreen(props(2000, DataSize.ofMegabytes(256)));
    long t0 = System.nanoTime();
    assertProblem(() -> screen.screen(new ModelSource(1, "abc", ModelSource.Kind.BLOCK_SPEC, null, spec, "{}")),
        ModelProblem.TOO_LARGE);
    assertThat((System.nanoTime() - t0) / 1e9).as("seconds").isLessThan(2);
  }

  private static ModelSource torchScript(Path file) {
    return new ModelSource(1, "abc", ModelSource.Kind.TORCHSCRIPT, file, null, "{}");
  }

  private static void assertProblem(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ModelProblem p) {
    assertThatThrownBy(call).isInstanceOfSatisfying(InvalidModelException.class,
        e -> assertThat(e.problem()).isEqualTo(p));
  }
}
