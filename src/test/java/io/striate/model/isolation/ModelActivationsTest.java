package io.striate.model.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.striate.model.ModelSource;
import io.striate.model.RgbImage;
import io.striate.model.runtime.ActivationExport;
import io.striate.model.runtime.ActivationRequestException;
import io.striate.model.runtime.Fixtures;
import io.striate.model.runtime.RuntimeProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The isolated activation export: real {@link ActivationMain} child JVMs, whose one-line JSON answer
 * ({@code STRIATE-ACTIVATIONS {...}}) {@link ModelActivations} reads back.
 */
class ModelActivationsTest {
  @TempDir
  Path dir;

  private ModelActivations activations() {
    IsolationProperties isolation = new IsolationProperties(1, 1, 1, Duration.ofSeconds(5), true,
        Duration.ofSeconds(60), "512m");
    Supplier<ActivationExport> unused = () -> {
      throw new AssertionError("activations-isolated=true must not run in this JVM");
    };
    return new ModelActivations(isolation, RuntimeProperties.defaults().withBatchSize(2), unused, dir);
  }

  private ModelSource source() throws Exception {
    return new ModelSource(1, "abc", ModelSource.Kind.TORCHSCRIPT, Fixtures.copy("tiny_dict.pt", dir), null, "{}");
  }

  private static List<RgbImage> images(int n) {
    List<RgbImage> images = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] rgb = new byte[32 * 32 * 3];
      for (int j = 0; j < rgb.length; j++) rgb[j] = (byte) (j * 7 + i);
      images.add(new RgbImage(32, 32, rgb));
    }
    return images;
  }

  @Test
  void childWritesTheNpzOfTheChosenTaps() throws Exception {
    Path out = dir.resolve("out.npz");
    activations().writeNpz(source(), images(2), List.of("conv1"), out);
    try (ZipFile npz = new ZipFile(out.toFile())) {
      assertThat(npz.stream().map(e -> e.getName()).toList()).anyMatch(name -> name.startsWith("conv1"));
    }
  }

  @Test
  void childRequestErrorKeepsCodeFieldAndMessage() throws Exception {
    Path out = dir.resolve("out.npz");
    ModelSource s = source();
    assertThatThrownBy(() -> activations().writeNpz(s, images(1), List.of("conv1", "nope"), out))
        .isInstanceOfSatisfying(ActivationRequestException.class, e -> {
          assertThat(e.code()).isEqualTo("unknown-tap");
          assertThat(e.field()).isEqualTo("/taps/1");
          assertThat(e.getMessage()).startsWith("no tap 'nope'; the model has [");
        });
  }
}
