package io.striate.benchmark.marques2020;

import io.striate.model.ActivationSink;

/**
 * Receptive-field mapping of Brain-Score's {@code map_receptive_field_locations} (spec §4.6a), fed by streaming
 * the {@code Marques2020_receptive_field} set (21×21 positions × 8 small gratings, positions slowest).
 *
 * <p>For each unit, {@code map(y,x) = max(0, max_k(max(a_k,0) − b))} over the 8 gratings at that position, with
 * {@code b} the rectified blank response. With {@code M = max map}: if M &gt; 0 the RF centre is the map-weighted
 * centroid of the grid indices with {@code map > 0.05·M}, converted to degrees on the position grid; otherwise NaN.
 * Memory: {@code units × 441} floats.
 */
final class ReceptiveFieldMapper implements ActivationSink {
  static final double THRESHOLD = 0.05;
  static final int GRID = 21;
  static final int PER_POSITION = 8;

  private final int units;
  private final double[] blank;
  private final float[] map;

  /** @param blank rectified blank responses of the mapped units */
  ReceptiveFieldMapper(double[] blank) {
    this.units = blank.length;
    this.blank = blank;
    this.map = new float[units * GRID * GRID];
  }

  @Override
  public void accept(int firstStimulus, float[][] rows) {
    for (int i = 0; i < rows.length; i++) {
      int pos = (firstStimulus + i) / PER_POSITION;
      float[] row = rows[i];
      for (int u = 0; u < units; u++) {
        double v = Math.max(row[u], 0f) - blank[u];
        int k = u * GRID * GRID + pos;
        if (v > map[k]) {
          map[k] = (float) v;
        }
      }
    }
  }

  /** RF centres in degrees, {@code [unit][0=y, 1=x]}, NaN when the unit never responded above its blank. */
  double[][] centres(double[] positions) {
    double[][] out = new double[units][2];
    int cells = GRID * GRID;
    for (int u = 0; u < units; u++) {
      int base = u * cells;
      double max = 0;
      for (int k = 0; k < cells; k++) {
        max = Math.max(max, map[base + k]);
      }
      if (!(max > 0)) {
        out[u][0] = Double.NaN;
        out[u][1] = Double.NaN;
        continue;
      }
      double limit = max * THRESHOLD;
      double sy = 0;
      double sx = 0;
      double sw = 0;
      for (int k = 0; k < cells; k++) {
        double w = map[base + k];
        if (w > limit) {
          sy += (k / GRID) * w;
          sx += (k % GRID) * w;
          sw += w;
        }
      }
      out[u][0] = interpolate(sy / sw, positions);
      out[u][1] = interpolate(sx / sw, positions);
    }
    return out;
  }

  /** {@code np.interp(index, arange(n), positions)}. */
  static double interpolate(double index, double[] positions) {
    if (index <= 0) {
      return positions[0];
    }
    int last = positions.length - 1;
    if (index >= last) {
      return positions[last];
    }
    int i = (int) Math.floor(index);
    double t = index - i;
    return positions[i] + t * (positions[i + 1] - positions[i]);
  }
}
