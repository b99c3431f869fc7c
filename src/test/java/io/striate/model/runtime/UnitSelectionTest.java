package io.striate.model.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.striate.model.LayerShape;
import org.junit.jupiter.api.Test;

class UnitSelectionTest {
  private final LayerShape shape = new LayerShape(2, 4, 5);

  @Test
  void windowListsEveryChannelAtEachPosition() {
    // (c*4 + y)*5 + x for c in {0,1}, y in {1,2,3} (clipped at 3), x in {3,4} (clipped at 4)
    assertThat(UnitSelection.window(shape, 2, 4, 1)).containsExactly(8, 9, 13, 14, 18, 19, 28, 29, 33, 34, 38, 39);
  }

  @Test
  void centreOfTheMap() {
    assertThat(UnitSelection.windowAt(shape, 0.5, 0.5, 0)).containsExactly(12, 32); // y=2, x=2
  }

  @Test
  void windowOutsideTheMapIsRejected() {
    assertThatThrownBy(() -> UnitSelection.window(shape, 10, 10, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
