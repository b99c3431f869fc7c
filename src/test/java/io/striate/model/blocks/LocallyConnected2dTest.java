package io.striate.model.blocks;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LocallyConnected2d} against PyTorch ({@code fixtures/blocks/lc.npz}, tools/block_fixtures.py). */
class LocallyConnected2dTest {
  @Test
  void matchesTorchRoundTripsAndFreezes(@TempDir Path dir) {
    try (BlockFixture f = BlockFixture.load("lc")) {
      f.check(LocallyConnected2d.builder().setOutChannels(6).setKernelSize(3).optStride(2).optPadding(1).optSeed(1).build(),
          LocallyConnected2d.builder().setOutChannels(6).setKernelSize(3).optStride(2).optPadding(1).optSeed(2).build(),
          f.floats("x"), f.get("out"), dir,
          "weight", "bias");
    }
  }

  @Test
  void sharedWeightsEqualConvolutionAndMemoryIsReported() {
    try (BlockFixture f = BlockFixture.load("lc")) {
      ai.djl.ndarray.NDArray x = f.floats("x");
      LocallyConnected2d lc = LocallyConnected2d.builder().setOutChannels(5).setKernelSize(3).optPadding(1)
          .optBias(false).build();
      lc.initialize(f.manager, ai.djl.ndarray.types.DataType.FLOAT32, x.getShape());
      ai.djl.ndarray.NDArray kernel = f.manager.randomNormal(new ai.djl.ndarray.types.Shape(5, 8, 3, 3));
      // weight[o, c, h, w, j] = kernel[o, c, j] at every position
      ai.djl.ndarray.NDArray shared = LocallyConnected2d.fromTorchLayout(
          kernel.reshape(5, 8, 1, 1, 9).repeat(2, 16).repeat(3, 16));
      shared.copyTo(lc.getDirectParameters().get("weight").getArray());
      ai.djl.ndarray.NDArray conv = ai.djl.nn.convolutional.Conv2d.conv2d(x, kernel, null,
          new ai.djl.ndarray.types.Shape(1, 1), new ai.djl.ndarray.types.Shape(1, 1)).singletonOrThrow();
      org.assertj.core.api.Assertions.assertThat(BlockFixture.relativeError(BlockFixture.forward(lc, x), conv))
          .isLessThan(BlockFixture.MAX_RELATIVE_ERROR);
      // 5 × 8 × 16 × 16 × 9 float32 weights
      org.assertj.core.api.Assertions.assertThat(LocallyConnected2d.parameterBytes(8, 5, 16, 16, 3, 1, 1, false,
          ai.djl.ndarray.types.DataType.FLOAT32)).isEqualTo(5L * 8 * 16 * 16 * 9 * 4);
      org.assertj.core.api.Assertions.assertThat(lc.getDirectParameters().get("weight").getArray().size() * 4)
          .isEqualTo(LocallyConnected2d.parameterBytes(8, 5, 16, 16, 3, 1, 1, false,
              ai.djl.ndarray.types.DataType.FLOAT32));
    }
  }
}
