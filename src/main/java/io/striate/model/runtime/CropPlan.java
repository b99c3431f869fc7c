package io.striate.model.runtime;

import io.striate.model.LayerShape;

/**
 * The input window that a forward pass for some units of one tap needs, when the tap has an {@link InputSupport}:
 * rows {@code [y0, y1)} and columns {@code [x0, x1)} of the {@code S × S} model input, run as an input of its own,
 * and where each unit lands in the cropped pass's tap.
 *
 * <p>Exactness (the cropped pass computes the same numbers as the full one for these units, up to the order of
 * floating-point sums inside the library's kernels):
 * <ul>
 *   <li>the origin is a multiple of the support's jump (the product of all strides), so every layer's grid in the
 *       crop is the full grid shifted by a whole number of cells: crop index {@code i'} is full index
 *       {@code i' + y0/jump_l};</li>
 *   <li>for every unit, the pixels of its support that lie inside the image lie inside the crop. The crop's own
 *       borders then only ever pad values that none of these units reads; where a support reaches past the
 *       image's edge the crop reaches that edge too, so the unit sees the same padding as in the full pass.</li>
 * </ul>
 *
 * @param y0     first input row
 * @param y1     end input row (exclusive)
 * @param x0     first input column
 * @param x1     end input column (exclusive)
 * @param shape  the tap's shape in the cropped pass
 * @param units  for each requested unit, its flat index in the cropped pass's tap
 */
public record CropPlan(int y0, int y1, int x0, int x1, LayerShape shape, int[] units) {
  /** Crops that keep more than this fraction of the input's pixels are not worth a separate pass shape. */
  static final double MAX_AREA_FRACTION = 0.5;

  public int height() {
    return y1 - y0;
  }

  public int width() {
    return x1 - x0;
  }

  /**
   * The plan for {@code units} of tap {@code tap} of shape {@code full} in a network with supports {@code network}
   * on an {@code S × S} input, or null when there is none or the crop would not be much smaller than the input.
   */
  public static CropPlan of(CropSupport network, String tap, int size, LayerShape full, int[] units) {
    InputSupport support = network.tap(tap);
    if (support == null || units.length == 0 || support.outputSize(size) != full.height() || support.outputSize(size) != full.width()) {
      return null;
    }
    int plane = full.height() * full.width();
    int minY = Integer.MAX_VALUE;
    int maxY = Integer.MIN_VALUE;
    int minX = Integer.MAX_VALUE;
    int maxX = Integer.MIN_VALUE;
    for (int u : units) {
      int p = u % plane;
      int y = p / full.width();
      int x = p % full.width();
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
    }
    int jump = support.jump();
    int y0 = Math.floorDiv(Math.max(0, support.start(minY)), jump) * jump;
    int x0 = Math.floorDiv(Math.max(0, support.start(minX)), jump) * jump;
    int y1 = Math.min(size - 1, support.end(maxY)) + 1;
    int x1 = Math.min(size - 1, support.end(maxX)) + 1;
    if ((double) (y1 - y0) * (x1 - x0) > MAX_AREA_FRACTION * size * size) {
      return null;
    }
    if (!network.runsOn(y1 - y0, x1 - x0)) {
      return null;
    }
    int ch = support.outputSize(y1 - y0);
    int cw = support.outputSize(x1 - x0);
    int ty0 = y0 / jump;
    int tx0 = x0 / jump;
    if (maxY - ty0 >= ch || maxX - tx0 >= cw || ch <= 0 || cw <= 0) {
      return null; // cannot happen when the support is right; never crop on a doubt
    }
    LayerShape shape = new LayerShape(full.channels(), ch, cw);
    int[] mapped = new int[units.length];
    for (int i = 0; i < units.length; i++) {
      int c = units[i] / plane;
      int p = units[i] % plane;
      mapped[i] = shape.unitIndex(c, p / full.width() - ty0, p % full.width() - tx0);
    }
    return new CropPlan(y0, y1, x0, x1, shape, mapped);
  }
}
