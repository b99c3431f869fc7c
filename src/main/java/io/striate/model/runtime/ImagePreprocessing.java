package io.striate.model.runtime;

import io.striate.model.ModelContract;
import io.striate.model.RgbImage;

/**
 * torchvision's {@code Compose([Resize((S, S)), ToTensor(), Normalize(mean, std)])} on a PIL RGB image, the
 * preprocessing of Brain-Score's PyTorch wrapper: Pillow-exact bilinear resize ({@link PilBilinearResize}), then per
 * channel {@code x = (v / 255 - mean_c) / std_c} in float32, written channel-first ({@code 3 × S × S}).
 * Float32 arithmetic in the same order as PyTorch makes the result bit-identical to torchvision's.
 *
 * @param size side of the square model input in pixels
 * @param mean per-channel mean (RGB)
 * @param std  per-channel standard deviation (RGB)
 */
public record ImagePreprocessing(int size, float[] mean, float[] std) {
  public ImagePreprocessing {
    if (size <= 0 || mean.length != 3 || std.length != 3) {
      throw new IllegalArgumentException("need a positive size and 3-channel mean/std");
    }
  }

  public static ImagePreprocessing of(ModelContract contract) {
    return new ImagePreprocessing(contract.inputSize(), contract.mean(), contract.std());
  }

  /** Floats per image, {@code 3·S·S}. */
  public int floatsPerImage() {
    return 3 * size * size;
  }

  /** Writes the {@code 3 × S × S} input tensor of {@code image} into {@code dst} at {@code offset}. */
  public void toTensor(RgbImage image, float[] dst, int offset) {
    RgbImage resized = PilBilinearResize.resize(image, size, size);
    byte[] rgb = resized.rgb();
    int plane = size * size;
    for (int c = 0; c < 3; c++) {
      float m = mean[c];
      float s = std[c];
      int base = offset + c * plane;
      for (int i = 0; i < plane; i++) {
        float v = (rgb[i * 3 + c] & 0xFF) / 255f;
        dst[base + i] = (v - m) / s;
      }
    }
  }
}
