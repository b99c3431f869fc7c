package io.striate.model.blocks;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DivisiveNormalization} against PyTorch ({@code fixtures/blocks/divnorm.npz}, tools/block_fixtures.py). */
class DivisiveNormalizationTest {
  @Test
  void matchesTorchRoundTripsAndFreezes(@TempDir Path dir) {
    try (BlockFixture f = BlockFixture.load("divnorm")) {
      f.check(DivisiveNormalization.builder().optKernelSize(3).optSeed(1).build(),
          DivisiveNormalization.builder().optKernelSize(3).optSeed(2).build(),
          f.floats("x"), f.get("out"), dir,
          "A", "rho", "sigma", "theta", "v", "w", "bias");
    }
  }
}
