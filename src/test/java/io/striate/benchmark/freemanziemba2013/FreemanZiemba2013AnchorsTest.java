package io.striate.benchmark.freemanziemba2013;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.striate.benchmark.metrics.CeilingNormalisation;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The specification's AlexNet anchors (spec §6.7, Brain-Score's benchmarks/freemanziemba2013/test.py): raw r
 * 0.466222, ceiling 0.873345; version 2 (r/c)² = 0.2850, version 3 r²/c = 0.2489 (the current default).
 */
class FreemanZiemba2013AnchorsTest {
  private static final double ALEXNET_RAW = 0.466222;
  private static final double CEILING = 0.873345;
  /** The anchors are quoted to four decimals. */
  private static final double ANCHOR_TOLERANCE = 5e-5;

  @Test
  void versionThreeIsTheDefaultAndReproducesItsAnchor() {
    CeilingNormalisation current = CeilingNormalisation.brainScoreCurrent();
    assertThat(current).isEqualTo(CeilingNormalisation.V3);
    assertThat(current.apply(ALEXNET_RAW, CEILING)).isCloseTo(0.2489, within(ANCHOR_TOLERANCE));
    assertThat(FreemanZiemba2013Benchmarks.privatePls(Optional::empty, current).info().version()).isEqualTo(3);
    assertThat(current.formulaId()).isEqualTo("r^2/c");
  }

  @Test
  void versionTwoIsTheNamedVariantAndReproducesItsAnchor() {
    assertThat(CeilingNormalisation.V2.apply(ALEXNET_RAW, CEILING)).isCloseTo(0.2850, within(ANCHOR_TOLERANCE));
    assertThat(FreemanZiemba2013Benchmarks.privatePls(Optional::empty, CeilingNormalisation.V2).info().version())
        .isEqualTo(2);
    assertThat(CeilingNormalisation.V2.formulaId()).isEqualTo("(r/c)^2");
  }

  @Test
  void theCeiledErrorIsTheRawErrorUnchanged() {
    for (CeilingNormalisation n : CeilingNormalisation.values()) {
      assertThat(n.error(ALEXNET_RAW, CEILING, 0.0190)).isEqualTo(0.0190);
    }
  }
}
