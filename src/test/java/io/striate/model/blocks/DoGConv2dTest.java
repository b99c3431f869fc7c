package io.striate.model.blocks;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DoGConv2d} against PyTorch ({@code fixtures/blocks/dog.npz}, tools/block_fixtures.py). */
class DoGConv2dTest {
  @Test
  void matchesTorchRoundTripsAndFreezes(@TempDir Path dir) {
    try (BlockFixture f = BlockFixture.load("dog")) {
      f.check(DoGConv2d.builder().setDogChannels(4).optSeed(1).build(),
          DoGConv2d.builder().setDogChannels(4).optSeed(2).build(),
          f.floats("x"), f.get("out"), dir,
          "sigma1", "sigma2_scale", "total_scale", "bias");
    }
  }

  @Test
  void depthwiseMatchesTorchGroupedConvolution(@TempDir Path dir) {
    // fixtures/blocks/dog_depthwise.npz: F.conv2d(groups = D) with the same kernel formula, all channels, k = 1
    try (BlockFixture f = BlockFixture.load("dog_depthwise")) {
      f.check(DoGConv2d.builder().setDogChannels(6).optHalfWidth(1).optDepthwise(true).optBias(false).optSeed(1)
              .build(),
          DoGConv2d.builder().setDogChannels(6).optHalfWidth(1).optDepthwise(true).optBias(false).optSeed(2).build(),
          f.floats("x"), f.get("out"), dir,
          "sigma1", "sigma2_scale", "total_scale");
    }
  }
}
