package io.striate.model.blocks;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TunedNormalization} against PyTorch ({@code fixtures/blocks/tuned.npz}, tools/block_fixtures.py). */
class TunedNormalizationTest {
  @Test
  void matchesTorchRoundTripsAndFreezes(@TempDir Path dir) {
    try (BlockFixture f = BlockFixture.load("tuned")) {
      f.check(TunedNormalization.builder().optSeed(1).build(),
          TunedNormalization.builder().optSeed(2).build(),
          f.floats("x"), f.get("out"), dir,
          "sigmas");
    }
  }
}
