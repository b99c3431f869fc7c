package io.striate.model.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.striate.model.ModelSource;
import io.striate.model.RgbImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** The .npz download: PyTorch's own outputs for the fixture images come back, and the limits hold. */
class ActivationExportTest {
  /** float32 convolutions of PyTorch 1.13 vs 2.7.1 differ by summation order only. */
  private static final double MAX_RELATIVE_ERROR = 1e-5;
  private static Map<String, Npz.Array> reference;
  private static List<RgbImage> images;

  @TempDir
  Path dir;

  @BeforeAll
  static void load() throws Exception {
    reference = Npz.resource("/fixtures/runtime/tiny_reference.npz");
    images = ListStimuli.fromNpz(reference.get("images")).images();
  }

  private ActivationExport export(RuntimeProperties props) {
    return new ActivationExport(DjlModelRuntime.create(TestEngine.get(), props), props);
  }

  private ModelSource source() throws Exception {
    return new ModelSource(1, "abc", ModelSource.Kind.TORCHSCRIPT, Fixtures.copy("tiny_dict.pt", dir), null, "{}");
  }

  @Test
  void npzHoldsInputAndTapsAsPyTorchComputesThem() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    export(RuntimeProperties.defaults().withBatchSize(2)).writeNpz(source(), images, List.of("conv2", "fc"), out);
    Map<String, Npz.Array> npz = Npz.read(out.toByteArray());
    assertThat(npz).containsOnlyKeys("input", "conv2", "fc");
    assertThat(npz.get("input").shape()).containsExactly(3, 3, 32, 32);
    assertThat(npz.get("conv2").shape()).containsExactly(3, 8, 16, 16);
    assertThat(npz.get("fc").shape()).containsExactly(3, 10);
    assertThat(maxRelativeError(npz.get("input"), reference.get("input"))).isLessThan(MAX_RELATIVE_ERROR);
    assertThat(maxRelativeError(npz.get("conv2"), reference.get("dict_conv2"))).isLessThan(MAX_RELATIVE_ERROR);
    assertThat(maxRelativeError(npz.get("fc"), reference.get("dict_fc"))).isLessThan(MAX_RELATIVE_ERROR);
  }

  @Test
  void npyHeaderIsPaddedTo64Bytes() {
    assertThat(NpzWriter.header("<f4", new long[] {3, 10}).length % 64).isZero();
    assertThat(NpzWriter.header("<f4", new long[] {7}).length % 64).isZero();
  }

  @Test
  void limitsAreEnforced() throws Exception {
    RuntimeProperties small = new RuntimeProperties("cpu", 1, 0, 2, RuntimeProperties.Preflight.defaults(),
        new RuntimeProperties.Export(2, DataSize.ofKilobytes(64)));
    ModelSource s = source();
    assertThatThrownBy(() -> export(small).writeNpz(s, images, List.of("fc"), new ByteArrayOutputStream()))
        .isInstanceOfSatisfying(ActivationRequestException.class,
            e -> assertThat(e.code()).isEqualTo("too-many-images"));
    List<RgbImage> two = images.subList(0, 2);
    assertThatThrownBy(() -> export(small).writeNpz(s, two, List.of("conv1", "conv2"), new ByteArrayOutputStream()))
        .isInstanceOfSatisfying(ActivationRequestException.class,
            e -> assertThat(e.code()).isEqualTo("response-too-large"));
    assertThatThrownBy(() -> export(small).writeNpz(s, two, List.of("fc", "layer7"), new ByteArrayOutputStream()))
        .isInstanceOfSatisfying(ActivationRequestException.class, e -> {
          assertThat(e.code()).isEqualTo("unknown-tap");
          assertThat(e.field()).isEqualTo("/taps/1");
        });
  }

  private static double maxRelativeError(Npz.Array actual, Npz.Array expected) {
    double max = 0;
    double scale = 1e-12;
    for (int i = 0; i < expected.values().length; i++) {
      max = Math.max(max, Math.abs(actual.values()[i] - expected.values()[i]));
      scale = Math.max(scale, Math.abs(expected.values()[i]));
    }
    return max / scale;
  }
}
