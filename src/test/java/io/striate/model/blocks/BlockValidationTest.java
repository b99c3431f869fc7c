package io.striate.model.blocks;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every builder rejects invalid settings in {@code build()} with a {@link BlockConfigException} carrying the stable
 * code and the offending field (the names the block-spec compiler reports back to the user). No engine needed.
 */
class BlockValidationTest {
  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("gabor", (Executable) () -> GaborFilterBank.builder().build()),
        Arguments.of("kernelSize", (Executable) () -> GaborFilterBank.builder().setGabors(oneGabor(0))
            .optKernelSize(24).build()),
        Arguments.of("gabor", (Executable) () -> GaborFilterBank.builder().setGabors(oneGabor(3)).build()),
        Arguments.of("stride", (Executable) () -> GaborFilterBank.builder().setGabors(oneGabor(0)).optStride(0)
            .build()),
        Arguments.of("simpleChannels", (Executable) () -> VOneBlock.builder().setChannels(0, 0).build()),
        Arguments.of("visualDegrees", (Executable) () -> VOneBlock.builder().setChannels(2, 2)
            .optVisualField(224, 0).build()),
        Arguments.of("kExc", (Executable) () -> VOneBlock.builder().setChannels(2, 2).optKExc(0).build()),
        Arguments.of("noiseScale", (Executable) () -> VOneBlock.builder().setChannels(2, 2)
            .optNoise(VOneBlock.Noise.NEURONAL, 0, 0.07).build()),
        Arguments.of("sfCorr", (Executable) () -> VOneBlock.builder().setChannels(2, 2).optSfCorr(1).build()),
        Arguments.of("gabor", (Executable) () -> VOneBlock.builder().setChannels(2, 2).optGabors(oneGabor(0))
            .build()),
        Arguments.of("dogChannels", (Executable) () -> DoGConv2d.builder().build()),
        Arguments.of("halfWidth", (Executable) () -> DoGConv2d.builder().setDogChannels(4).optHalfWidth(0).build()),
        Arguments.of("outChannels", (Executable) () -> LocallyConnected2d.builder().setKernelSize(3).build()),
        Arguments.of("kernelSize", (Executable) () -> LocallyConnected2d.builder().setOutChannels(4).build()),
        Arguments.of("padding", (Executable) () -> LocallyConnected2d.builder().setOutChannels(4).setKernelSize(3)
            .optPadding(-1).build()),
        Arguments.of("kernelSize", (Executable) () -> DivisiveNormalization.builder().optKernelSize(4).build()),
        Arguments.of("radiusBins", (Executable) () -> CorticalMagnification.builder().setRadiusBins(0, 2, 1)
            .setAngleCount(8).setOutputSize(4, 4).build()),
        Arguments.of("angleBins", (Executable) () -> CorticalMagnification.builder().setRadiusBins(0, 1, 2)
            .setOutputSize(4, 4).build()),
        Arguments.of("outputSize", (Executable) () -> CorticalMagnification.builder().setRadiusBins(0, 1, 2)
            .setAngleCount(8).setOutputSize(0, 4).build()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void invalidSettingsNameTheirField(String field, Executable build) {
    assertThatThrownBy(build::execute).isInstanceOfSatisfying(BlockConfigException.class, e -> {
      org.assertj.core.api.Assertions.assertThat(e.field()).isEqualTo(field);
      org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(BlockConfigException.CODE);
    });
  }

  private static GaborParameters oneGabor(int channel) {
    return new GaborParameters(new double[] {0.1}, new double[] {0}, new double[] {3}, new double[] {3},
        new double[] {0}, new int[] {channel});
  }
}
