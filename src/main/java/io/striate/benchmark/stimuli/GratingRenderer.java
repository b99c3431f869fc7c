package io.striate.benchmark.stimuli;

import io.striate.model.RgbImage;

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
    return new GrayImage(width, height, render(g, sizePx, degrees, left, top, width, height, 1));
  }

  /**
   * The same window as an RGB image (the gray value replicated in 3 channels, PIL's {@code convert('RGB')}),
   * written directly to skip a copy.
   */
  public static RgbImage renderRgb(Grating g, int sizePx, double degrees, int left, int top, int width,
                                   int height) {
    return new RgbImage(width, height, render(g, sizePx, degrees, left, top, width, height, 3));
  }

  private static byte[] render(Grating g, int sizePx, double degrees, int left, int top, int width, int height,
                               int channels) {
    byte[] out = new byte[width * height * channels];
    java.util.Arrays.fill(out, (byte) GRAY);
    double pxPerDeg = sizePx / degrees;
    double half = sizePx / 2.0;
    double theta = g.orientation() / 180 * Math.PI;
    double phi = g.phase() / 180 * Math.PI;
    double cos = StrictMath.cos(theta);
    double sin = StrictMath.sin(theta);
    double r2 = g.radius() * g.radius();
    int cFrom = Math.max(left, 0);
    int cTo = Math.min(left + width, sizePx);
    int rFrom = Math.max(top, 0);
    int rTo = Math.min(top + height, sizePx);
    if (cFrom >= cTo || rFrom >= rTo) {
      return out;
    }
    // per-column terms, the same doubles numpy computes per pixel
    double[] x = new double[cTo - cFrom];
    double[] xCos = new double[x.length];
    for (int col = cFrom; col < cTo; col++) {
      x[col - cFrom] = (col - half) / pxPerDeg - g.positionX();
      xCos[col - cFrom] = x[col - cFrom] * cos;
    }
    Row row = r -> renderRow(g, r, half, pxPerDeg, sin, r2, phi, cFrom, x, xCos, out, (r - top) * width - left,
        channels);
    double aperturePixels = Math.PI * r2 * pxPerDeg * pxPerDeg;
    if (aperturePixels > PARALLEL_PIXELS) {
      java.util.stream.IntStream.range(rFrom, rTo).parallel().forEach(row::render);
    } else {
      for (int r = rFrom; r < rTo; r++) {
        row.render(r);
      }
    }
    return out;
  }

  /** Apertures larger than this many pixels render their rows in parallel. */
  static final double PARALLEL_PIXELS = 20_000;

  @FunctionalInterface
  private interface Row {
    void render(int row);
  }

  private static void renderRow(Grating g, int row, double half, double pxPerDeg, double sin, double r2, double phi,
                                int cFrom, double[] x, double[] xCos, byte[] out, int base, int channels) {
    double y = (row - half) / pxPerDeg - g.positionY();
    double yy = y * y;
    double rest = r2 - yy;
    if (rest < 0) {
      return;
    }
    // conservative column range around the chord, then the exact test per pixel
    double chord = Math.sqrt(rest);
    int c0 = Math.max(cFrom, (int) Math.floor((g.positionX() - chord) * pxPerDeg + half) - 2);
    int c1 = Math.min(cFrom + x.length, (int) Math.ceil((g.positionX() + chord) * pxPerDeg + half) + 3);
    double ySin = y * sin;
    double sf = g.spatialFrequency();
    double contrast = g.contrast();
    for (int col = c0; col < c1; col++) {
      int k = col - cFrom;
      if (x[k] * x[k] + yy <= r2) {
        double l = Math.sin((xCos[k] + ySin) * sf * 2 * Math.PI + phi) * contrast;
        byte v = (byte) (int) (((l + 1) / 2) * 255);
        int at = (base + col) * channels;
        for (int c = 0; c < channels; c++) {
          out[at + c] = v;
        }
      }
    }
  }
}
