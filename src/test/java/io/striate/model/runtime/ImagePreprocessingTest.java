package io.striate.model.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.striate.model.RgbImage;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Preprocessing against Pillow 9.4 and torchvision 0.14 (fixtures/runtime/pil_resize.npz, made by
 * tools/runtime_fixtures.py): resize must be bit-exact on uint8, the normalised tensor equal to float32 rounding.
 */
class ImagePreprocessingTest {
  /** torchvision computes v/255, (v - mean)/std in float32 like Java; allow one float32 rounding step. */
  private static final float NORMALISED_TOLERANCE = 1e-6f;
  private static final int CASES = 7;
  private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
  private static final float[] STD = {0.229f, 0.224f, 0.225f};
  private static Map<String, Npz.Array> fixture;

  @BeforeAll
  static void load() throws IOException {
    fixture = Npz.resource("/fixtures/runtime/pil_resize.npz");
  }

  private static RgbImage image(String key) {
    Npz.Array a = fixture.get(key);
    return new RgbImage(a.shape()[1], a.shape()[0], a.bytes());
  }

  @Test
  void resizeIsBitExactWithPillowBilinear() {
    for (int i = 0; i < CASES; i++) {
      RgbImage in = image("in" + i);
      Npz.Array expected = fixture.get("out" + i);
      RgbImage out = PilBilinearResize.resize(in, expected.shape()[1], expected.shape()[0]);
      assertThat(out.rgb()).as("case %d: %dx%d -> %dx%d", i, in.width(), in.height(), out.width(), out.height())
          .isEqualTo(expected.bytes());
    }
  }

  @Test
  void tensorMatchesTorchvisionResizeToTensorNormalize() {
    for (int i = 0; i < CASES; i++) {
      Npz.Array expected = fixture.get("norm" + i);
      int size = expected.shape()[1];
      ImagePreprocessing p = new ImagePreprocessing(size, MEAN, STD);
      float[] out = new float[p.floatsPerImage() + 5];
      p.toTensor(image("in" + i), out, 5);
      float[] want = expected.floats();
      float maxDiff = 0;
      for (int j = 0; j < want.length; j++) {
        maxDiff = Math.max(maxDiff, Math.abs(out[j + 5] - want[j]));
      }
      assertThat(maxDiff).as("case %d", i).isLessThanOrEqualTo(NORMALISED_TOLERANCE);
    }
  }

  @Test
  void downscaleIsAntialiasedNotPointSampled() {
    // a 1-pixel checkerboard averages to mid-grey under an antialiased 4x downscale; point sampling gives 0 or 255
    byte[] rgb = new byte[64 * 64 * 3];
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        byte v = (byte) (((x + y) & 1) == 0 ? 255 : 0);
        for (int c = 0; c < 3; c++) rgb[(y * 64 + x) * 3 + c] = v;
      }
    }
    RgbImage out = PilBilinearResize.resize(new RgbImage(64, 64, rgb), 16, 16);
    for (int y = 1; y < 15; y++) {
      assertThat(out.value(y, 7, 0)).isBetween(120, 135);
    }
  }
}
