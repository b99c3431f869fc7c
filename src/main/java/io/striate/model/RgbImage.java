package io.striate.model;

import java.util.Objects;

/**
 * An 8-bit RGB image as a model sees it before its own preprocessing: {@code height × width × 3} bytes,
 * row-major, channels interleaved (the memory layout of a PIL "RGB" image / a numpy {@code uint8[H,W,3]}).
 *
 * @param width  pixels per row
 * @param height rows
 * @param rgb    {@code height*width*3} unsigned bytes
 */
public record RgbImage(int width, int height, byte[] rgb) {
  public RgbImage {
    Objects.requireNonNull(rgb, "rgb");
    if (width <= 0 || height <= 0 || rgb.length != width * height * 3) {
      throw new IllegalArgumentException("rgb must hold width*height*3 bytes, got " + rgb.length
          + " for " + width + "x" + height);
    }
  }

  /** Unsigned value of channel {@code c} at row {@code y}, column {@code x}. */
  public int value(int y, int x, int c) {
    return rgb[(y * width + x) * 3 + c] & 0xFF;
  }
}
