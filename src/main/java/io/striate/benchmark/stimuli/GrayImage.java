package io.striate.benchmark.stimuli;

import io.striate.model.RgbImage;

/**
 * An 8-bit grayscale image ({@code height × width} bytes, row-major), the form in which Brain-Score stores its
 * grating and texture stimuli (PNG mode "L").
 */
public record GrayImage(int width, int height, byte[] pixels) {
  public GrayImage {
    if (width <= 0 || height <= 0 || pixels.length != width * height) {
      throw new IllegalArgumentException("pixels must hold width*height bytes");
    }
  }

  /** A uniform image. */
  public static GrayImage filled(int width, int height, int value) {
    byte[] p = new byte[width * height];
    java.util.Arrays.fill(p, (byte) value);
    return new GrayImage(width, height, p);
  }

  /** Unsigned value at row {@code y}, column {@code x}. */
  public int value(int y, int x) {
    return pixels[y * width + x] & 0xFF;
  }

  /** Channel replication, as PIL's {@code convert('RGB')} of an "L" image. */
  public RgbImage toRgb() {
    byte[] rgb = new byte[pixels.length * 3];
    for (int i = 0, j = 0; i < pixels.length; i++, j += 3) {
      byte v = pixels[i];
      rgb[j] = v;
      rgb[j + 1] = v;
      rgb[j + 2] = v;
    }
    return new RgbImage(width, height, rgb);
  }
}
