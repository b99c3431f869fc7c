package io.striate.model.runtime;

import io.striate.model.RgbImage;

/**
 * Bilinear resize of an 8-bit RGB image, bit-for-bit equal to Pillow's {@code Image.resize(size, BILINEAR)}
 * (Pillow {@code libImaging/Resample.c}, unchanged since Pillow 4.x; the reference used is Pillow 9.4), which is what
 * torchvision's {@code Resize} does to a PIL image and therefore what Brain-Score feeds its models.
 *
 * <p>The image is resampled separably, horizontal pass first, each output pixel being a normalised weighted sum of
 * input pixels with the triangle filter {@code w(t) = max(0, 1 - |t|)} stretched by the scale when downsampling
 * (antialiasing): for output index {@code i} of a {@code n → m} resize, {@code scale = n/m},
 * {@code s = max(scale, 1)}, centre {@code c = (i + 0.5)·scale}, taps {@code j ∈ [round(c - s), round(c + s))} with
 * weight {@code w((j - c + 0.5)/s)}. As in Pillow, weights are normalised, converted to fixed point with
 * {@code 22} fractional bits, and every pass rounds and clips to 8 bits.
 */
public final class PilBilinearResize {
  /** Pillow's {@code PRECISION_BITS = 32 - 8 - 2}. */
  static final int PRECISION_BITS = 32 - 8 - 2;
  private static final double SUPPORT = 1.0;

  private PilBilinearResize() {
  }

  /** Resizes {@code image} to {@code width × height}. */
  public static RgbImage resize(RgbImage image, int width, int height) {
    if (image.width() == width && image.height() == height) {
      return image;
    }
    Coefficients horizontal = Coefficients.of(image.width(), width);
    Coefficients vertical = Coefficients.of(image.height(), height);
    byte[] src = image.rgb();
    int srcW = image.width();
    // rows of the source the vertical pass will read (Pillow resamples only those horizontally)
    int firstRow = vertical.bounds[0];
    int lastRow = vertical.bounds[2 * height - 2] + vertical.bounds[2 * height - 1];
    int rows = lastRow - firstRow;
    byte[] tmp = new byte[rows * width * 3];
    if (width != srcW) {
      for (int y = 0; y < rows; y++) {
        int rowIn = (y + firstRow) * srcW * 3;
        int rowOut = y * width * 3;
        for (int x = 0; x < width; x++) {
          int min = horizontal.bounds[2 * x];
          int count = horizontal.bounds[2 * x + 1];
          int k0 = x * horizontal.size;
          int s0 = 1 << (PRECISION_BITS - 1);
          int s1 = s0;
          int s2 = s0;
          for (int j = 0; j < count; j++) {
            int p = rowIn + (min + j) * 3;
            int k = horizontal.fixed[k0 + j];
            s0 += (src[p] & 0xFF) * k;
            s1 += (src[p + 1] & 0xFF) * k;
            s2 += (src[p + 2] & 0xFF) * k;
          }
          int q = rowOut + x * 3;
          tmp[q] = clip8(s0);
          tmp[q + 1] = clip8(s1);
          tmp[q + 2] = clip8(s2);
        }
      }
    } else {
      System.arraycopy(src, firstRow * srcW * 3, tmp, 0, tmp.length);
    }
    if (height == rows && firstRow == 0 && height == image.height()) {
      return new RgbImage(width, height, tmp);
    }
    byte[] out = new byte[height * width * 3];
    int stride = width * 3;
    for (int y = 0; y < height; y++) {
      int min = vertical.bounds[2 * y] - firstRow;
      int count = vertical.bounds[2 * y + 1];
      int k0 = y * vertical.size;
      for (int xc = 0; xc < stride; xc++) {
        int s = 1 << (PRECISION_BITS - 1);
        for (int j = 0; j < count; j++) {
          s += (tmp[(min + j) * stride + xc] & 0xFF) * vertical.fixed[k0 + j];
        }
        out[y * stride + xc] = clip8(s);
      }
    }
    return new RgbImage(width, height, out);
  }

  private static byte clip8(int v) {
    if (v >= (1 << PRECISION_BITS << 8)) return (byte) 255;
    if (v <= 0) return 0;
    return (byte) (v >> PRECISION_BITS);
  }

  private static double triangle(double x) {
    double a = Math.abs(x);
    return a < 1.0 ? 1.0 - a : 0.0;
  }

  /**
   * Pillow's {@code precompute_coeffs} + {@code normalize_coeffs_8bpc}: for each output index its first input
   * index, tap count and {@code size} fixed-point weights.
   */
  record Coefficients(int size, int[] bounds, int[] fixed) {
    static Coefficients of(int inSize, int outSize) {
      double scale = (double) ((float) inSize) / outSize;
      double filterScale = Math.max(scale, 1.0);
      double support = SUPPORT * filterScale;
      int size = (int) Math.ceil(support) * 2 + 1;
      int[] bounds = new int[outSize * 2];
      int[] fixed = new int[outSize * size];
      double[] k = new double[size];
      for (int xx = 0; xx < outSize; xx++) {
        double center = (xx + 0.5) * scale;
        double ss = 1.0 / filterScale;
        int xmin = Math.max((int) (center - support + 0.5), 0);
        int xmax = Math.min((int) (center + support + 0.5), inSize) - xmin;
        double ww = 0.0;
        for (int x = 0; x < xmax; x++) {
          double w = triangle((x + xmin - center + 0.5) * ss);
          k[x] = w;
          ww += w;
        }
        for (int x = 0; x < xmax; x++) {
          double v = ww != 0.0 ? k[x] / ww : k[x];
          fixed[xx * size + x] = v < 0 ? (int) (-0.5 + v * (1 << PRECISION_BITS))
              : (int) (0.5 + v * (1 << PRECISION_BITS));
        }
        bounds[2 * xx] = xmin;
        bounds[2 * xx + 1] = xmax;
      }
      return new Coefficients(size, bounds, fixed);
    }
  }
}
