package io.striate.model.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link CorticalMagnification} against PyTorch ({@code fixtures/blocks/polar.npz}, tools/block_fixtures.py). */
class CorticalMagnificationTest {
  private static CorticalMagnification build(BlockFixture f, CorticalMagnification.Interpolation mode) {
    double[] size = f.doubles("config");
    return CorticalMagnification.builder().setRadiusBins(f.doubles("radius_bins")).setAngleBins(f.doubles("angle_bins"))
        .setOutputSize((int) size[0], (int) size[1]).optInterpolation(mode).build();
  }

  @ParameterizedTest
  @EnumSource(CorticalMagnification.Interpolation.class)
  void matchesTorchRoundTripsAndStaysFixed(CorticalMagnification.Interpolation mode, @TempDir Path dir) {
    try (BlockFixture f = BlockFixture.load("polar")) {
      f.check(build(f, mode), build(f, mode), f.floats("x"), f.get("out_" + mode.name().toLowerCase()), dir);
    }
  }

  @Test
  void paperSettingMatchesTorch(@TempDir Path dir) {
    // fixtures/blocks/polar_paper.npz: explaining_v1's 32×32 map, 18 rings (outer ones leave the map), 30 angles,
    // linear interpolation, resized to 16×16
    try (BlockFixture f = BlockFixture.load("polar_paper")) {
      f.check(build(f, CorticalMagnification.Interpolation.LINEAR), build(f, CorticalMagnification.Interpolation.LINEAR),
          f.floats("x"), f.get("out"), dir);
    }
  }

  @Test
  void constantMapsStayConstantWhereEveryBinHasPixels() {
    // averaging and bilinear resampling preserve constants: every output is 1 when all bins are populated
    try (BlockFixture f = BlockFixture.load("polar")) {
      NDArray ones = f.manager.ones(new ai.djl.ndarray.types.Shape(1, 2, 16, 16));
      // rings within the map (inner radius ≤ 8 px), so every bin is populated or interpolated
      CorticalMagnification polar = CorticalMagnification.builder().setRadiusBins(0, 1, 2, 3, 4, 6, 8)
          .setAngleCount(30).setOutputSize(12, 12).build();
      NDArray out = BlockFixture.run(polar, ones);
      assertThat(out.sub(1f).abs().max().getFloat()).isLessThan(1e-5f);
      assertThat(out.getDataType()).isEqualTo(DataType.FLOAT32);
    }
  }
}
