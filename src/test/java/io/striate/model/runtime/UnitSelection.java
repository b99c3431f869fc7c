package io.striate.model.runtime;

import io.striate.model.LayerShape;

/**
 * Flat unit indices ({@link LayerShape#unitIndex}, C-order {@code (c·H + y)·W + x}) for spatial sub-selection:
 * benchmarks often need only the units whose receptive fields sit near one retinal position. Test code: no main
 * code uses it (the Marques 2020 sessions select their units themselves, {@code PhysiologySession}).
 */
public final class UnitSelection {
  private UnitSelection() {
  }

  /** Every channel at the spatial positions {@code |y - cy| ≤ r, |x - cx| ≤ r} (clipped to the map), channel-major. */
  public static int[] window(LayerShape shape, int cy, int cx, int r) {
    int y0 = Math.max(0, cy - r);
    int y1 = Math.min(shape.height() - 1, cy + r);
    int x0 = Math.max(0, cx - r);
    int x1 = Math.min(shape.width() - 1, cx + r);
    if (y0 > y1 || x0 > x1) {
      throw new IllegalArgumentException("window (" + cy + ", " + cx + ") ± " + r + " lies outside " + shape);
    }
    int[] units = new int[shape.channels() * (y1 - y0 + 1) * (x1 - x0 + 1)];
    int k = 0;
    for (int c = 0; c < shape.channels(); c++) {
      for (int y = y0; y <= y1; y++) {
        for (int x = x0; x <= x1; x++) {
          units[k++] = shape.unitIndex(c, y, x);
        }
      }
    }
    return units;
  }

  /**
   * The window around the map position that corresponds to a retinal position: {@code (fy, fx)} are fractions of the
   * input's height and width ({@code 0.5, 0.5} = the centre), mapped to the map pixel whose centre is nearest.
   */
  public static int[] windowAt(LayerShape shape, double fy, double fx, int r) {
    int cy = (int) Math.min(shape.height() - 1, Math.max(0, Math.floor(fy * shape.height())));
    int cx = (int) Math.min(shape.width() - 1, Math.max(0, Math.floor(fx * shape.width())));
    return window(shape, cy, cx, r);
  }
}
