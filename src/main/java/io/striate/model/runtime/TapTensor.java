package io.striate.model.runtime;

import io.striate.model.LayerShape;
import java.util.Arrays;

/**
 * One tap's output for a batch, copied off the device: {@code shape[0]} images, C-order float32 data.
 *
 * @param name  tap name
 * @param shape full shape, batch first, e.g. {@code (N, C, H, W)} or {@code (N, units)}
 * @param data  {@code prod(shape)} values
 */
public record TapTensor(String name, long[] shape, float[] data) {
  public int batch() {
    return (int) shape[0];
  }

  /** Values per image. */
  public int unitsPerImage() {
    return data.length / batch();
  }

  /** The per-image shape as a {@link LayerShape}: {@code (C,H,W)}, {@code (C,H,1)} or {@code (units,1,1)}. */
  public LayerShape layerShape() {
    return layerShape(shape);
  }

  static LayerShape layerShape(long[] shape) {
    return switch (shape.length) {
      case 4 -> new LayerShape((int) shape[1], (int) shape[2], (int) shape[3]);
      case 3 -> new LayerShape((int) shape[1], (int) shape[2], 1);
      case 2 -> new LayerShape((int) shape[1], 1, 1);
      default -> new LayerShape((int) Arrays.stream(shape).skip(1).reduce(1, (a, b) -> a * b), 1, 1);
    };
  }
}
