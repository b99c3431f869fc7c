package io.striate.benchmark.stimuli;

/**
 * Renders Marques 2020 gratings exactly as Brain-Score's {@code Grating} class (spec §4.2): a square canvas of
 * {@value #CANVAS_PX} px covering {@value #CANVAS_DEGREES}° (56 px/deg). Pixel (r, c) has coordinates
 * {@code x = (c − W/2)/ppd − pos_x}, {@code y = (r − W/2)/ppd − pos_y}; the luminance is
 * {@code L = sin((x cosθ + y sinθ)·sf·2π + φ)·contrast}. Pixels with {@code x² + y² ≤ radius²} get
 * {@code uint8(((L+1)/2)·255)} (truncation), the others gray {@code uint8(255/2 + 1) = 128}.
 *
 * <p>Only the aperture's pixels evaluate the sine, and only inside the requested window, so rendering the 8°
 * crop that a model sees costs little more than the aperture itself.
 */
public final class GratingRenderer {
  public static final int CANVAS_PX = 672;
  public static final double CANVAS_DEGREES = 12;
  /** {@code np.uint8(np.uint8(255)/2 + 1)}. */
  public static final int GRAY = 128;

  private GratingRenderer() {
  }

  /** The full {@value #CANVAS_PX} px canvas. */
  public static GrayImage render(Grating g) {
    return render(g, CANVAS_PX, CANVAS_DEGREES, 0, 0, CANVAS_PX, CANVAS_PX);
  }

  /**
   * The window {@code [left, left+width) × [top, top+height)} of a {@code sizePx} canvas covering
   * {@code degrees} (pixels outside the canvas are gray).
   */
  public static GrayImage render(Grating g, int sizePx, double degrees, int left, int top, int width, int height) {
    byte[] out = new byte[width * height];
    java.util.Arrays.fill(out, (byte) GRAY);
    double pxPerDeg = sizePx / degrees;
    double half = sizePx / 2.0;
    double theta = g.orientation() / 180 * Math.PI;
    double phi = g.phase() / 180 * Math.PI;
    double cos = StrictMath.cos(theta);
    double sin = StrictMath.sin(theta);
    double r2 = g.radius() * g.radius();
    double sf = g.spatialFrequency();
    double contrast = g.contrast();
    int cFrom = Math.max(left, 0);
    int cTo = Math.min(left + width, sizePx);
    for (int row = Math.max(top, 0); row < Math.min(top + height, sizePx); row++) {
      double y = (row - half) / pxPerDeg - g.positionY();
      double rest = r2 - y * y;
      if (rest < 0) {
        continue;
      }
      // conservative column range around the chord, then the exact test per pixel
      double chord = Math.sqrt(rest);
      int c0 = Math.max(cFrom, (int) Math.floor((g.positionX() - chord) * pxPerDeg + half) - 2);
      int c1 = Math.min(cTo, (int) Math.ceil((g.positionX() + chord) * pxPerDeg + half) + 3);
      int base = (row - top) * width - left;
      double ySin = y * sin;
      for (int col = c0; col < c1; col++) {
        double x = (col - half) / pxPerDeg - g.positionX();
        if (x * x + y * y <= r2) {
          double l = StrictMath.sin((x * cos + ySin) * sf * 2 * Math.PI + phi) * contrast;
          out[base + col] = (byte) (int) (((l + 1) / 2) * 255);
        }
      }
    }
    return new GrayImage(width, height, out);
  }
}
