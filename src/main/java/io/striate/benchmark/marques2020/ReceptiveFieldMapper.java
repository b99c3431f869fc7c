package io.striate.benchmark.marques2020;

import io.striate.benchmark.stimuli.MarquesStimuli;
import io.striate.model.ActivationSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Receptive-field mapping of Brain-Score's {@code map_receptive_field_locations} (spec §4.6a), fed by streaming
 * the {@code Marques2020_receptive_field} set (21×21 positions × 8 small gratings, positions slowest).
 *
 * <p>For each unit, {@code map(y,x) = max(0, max_k(max(a_k,0) − b))} over the 8 gratings at that position, with
 * {@code b} the rectified blank response. With {@code M = max map}: if M &gt; 0 the RF centre is the map-weighted
 * centroid of the grid indices with {@code map > 0.05·M}, converted to degrees on the position grid; otherwise NaN.
 * Memory: {@code units × 441} floats. {@link #select} then keeps the units whose centre lies within
 * {@value #RF_DELTA}° of the stimulus position (spec §4.6b); the selection is small and is kept in the activation
 * store under {@link #DERIVATION} ({@link #encode}), so a re-run never reads the RF set's responses again.
 */
final class ReceptiveFieldMapper implements ActivationSink {
  static final double THRESHOLD = 0.05;
  static final int GRID = 21;
  static final int PER_POSITION = 8;
  /** Radius in degrees of the disc around the stimulus position that a unit's RF centre must lie in. */
  static final double RF_DELTA = 0.15;
  /**
   * Names the computation from the (blank, RF set) responses of the mapped units to their {@link #select selection}
   * for the activation store: this class's bytecode (mapping, selection and encoding live here) and every parameter,
   * so a change to any of them makes stored selections unreachable instead of stale; null (nothing stored) when the
   * bytecode cannot be read.
   */
  static final String DERIVATION = derivation();

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

  /**
   * The units among {@code candidates} (the mapped units, in mapping order) whose RF centre lies within
   * {@link #RF_DELTA} of (y, x) = ({@code position}, {@code position}); NaN centres never do.
   */
  static PhysiologySession.Selection select(int[] candidates, double[][] centres, double position) {
    int[] keep = new int[candidates.length];
    double[][] kept = new double[candidates.length][];
    int n = 0;
    for (int u = 0; u < candidates.length; u++) {
      double dy = centres[u][0] - position;
      double dx = centres[u][1] - position;
      if (Math.sqrt(dy * dy + dx * dx) <= RF_DELTA) {
        keep[n] = candidates[u];
        kept[n] = centres[u];
        n++;
      }
    }
    return new PhysiologySession.Selection(candidates.length, Arrays.copyOf(keep, n), Arrays.copyOf(kept, n));
  }

  /** Little-endian: candidates, n, n unit indices, n × (y, x) float64 centres. */
  static byte[] encode(PhysiologySession.Selection s) {
    int n = s.units().length;
    ByteBuffer b = ByteBuffer.allocate(8 + n * 4 + n * 16).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(s.candidates()).putInt(n);
    for (int u : s.units()) {
      b.putInt(u);
    }
    for (double[] c : s.centres()) {
      b.putDouble(c[0]).putDouble(c[1]);
    }
    return b.array();
  }

  /** The selection {@link #encode} wrote, or null when {@code bytes} is not one of {@code candidates} units. */
  static PhysiologySession.Selection decode(byte[] bytes, int candidates) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 8 || b.getInt(0) != candidates) {
      return null;
    }
    int n = b.getInt(4);
    if (n < 0 || n > candidates || bytes.length != 8 + n * 20L) {
      return null;
    }
    b.position(8);
    int[] units = new int[n];
    for (int i = 0; i < n; i++) {
      units[i] = b.getInt();
    }
    double[][] centres = new double[n][2];
    for (double[] c : centres) {
      c[0] = b.getDouble();
      c[1] = b.getDouble();
    }
    return new PhysiologySession.Selection(candidates, units, centres);
  }

  private static String derivation() {
    try (InputStream in = ReceptiveFieldMapper.class.getResourceAsStream("ReceptiveFieldMapper.class")) {
      if (in == null) {
        return null;
      }
      String code = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
      return "marques2020 rf-selection/1 code " + code + " threshold " + THRESHOLD + " grid " + GRID + " per "
          + PER_POSITION + " positions " + Arrays.toString(MarquesStimuli.RF_POSITIONS) + " delta " + RF_DELTA
          + " at " + MarquesStimuli.POSITION + "," + MarquesStimuli.POSITION;
    } catch (IOException | NoSuchAlgorithmException e) {
      return null;
    }
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
