package io.striate.model;

/**
 * Shape of one layer's output for a single image: {@code channels × height × width} for feature maps,
 * or {@code units × 1 × 1} for flat layers. Units are numbered in C-order, {@code (c*height + y)*width + x}.
 */
public record LayerShape(int channels, int height, int width) {
  public int units() {
    return channels * height * width;
  }

  public int unitIndex(int channel, int y, int x) {
    return (channel * height + y) * width + x;
  }
}
