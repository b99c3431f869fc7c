package io.striate.benchmark.stimuli;

import io.striate.model.RgbImage;

/**
 * Brain-Score's {@code place_on_screen} (spec §4.4): converts an image covering {@code sourceDegrees} to the
 * model's {@code targetDegrees}. With {@code ratio = target/source}, the new size is {@code round(ratio·size)}
 * (numpy rounding, half to even); ratio &lt; 1 centre-crops with offset {@code round((old − new)/2)}, ratio &gt; 1
 * pastes the image centred (offset {@code round((new − old)/2)}) on a canvas of PIL {@code 'gray'} = 128, equal
 * degrees leave it unchanged. The model's own preprocessing then resizes it to its input size.
 */
public final class FieldOfView {
  /** PIL's {@code ImageColor} 'gray' = #808080. */
  public static final int PIL_GRAY = 128;

  private FieldOfView() {
  }

  /**
   * Where the source lands: for a crop, the window {@code [left, left+width) × [top, top+height)} of the source;
   * for a paste, {@code left/top} are negative: the source's top-left sits at {@code (−left, −top)} of the target.
   *
   * @param width  target width in px
   * @param height target height in px
   */
  public record Window(int left, int top, int width, int height) {
  }

  /** The window of the source (its pixel coordinates) that becomes the target image. */
  public static Window window(int width, int height, double sourceDegrees, double targetDegrees) {
    if (sourceDegrees == targetDegrees) {
      return new Window(0, 0, width, height);
    }
    double ratio = targetDegrees / sourceDegrees;
    int w = (int) Math.rint(ratio * width);
    int h = (int) Math.rint(ratio * height);
    if (ratio >= 1) {
      return new Window(-(int) Math.rint((w - width) / 2.0), -(int) Math.rint((h - height) / 2.0), w, h);
    }
    return new Window((int) Math.rint((width - w) / 2.0), (int) Math.rint((height - h) / 2.0), w, h);
  }

  /** Places {@code image} (covering {@code sourceDegrees}) on the model's field of view. */
  public static RgbImage place(GrayImage image, double sourceDegrees, double targetDegrees) {
    Window win = window(image.width(), image.height(), sourceDegrees, targetDegrees);
    return cut(image, win, PIL_GRAY).toRgb();
  }

  /** The {@code win} region of {@code image}, filling pixels outside the image with {@code fill}. */
  public static GrayImage cut(GrayImage image, Window win, int fill) {
    if (win.left() == 0 && win.top() == 0 && win.width() == image.width() && win.height() == image.height()) {
      return image;
    }
    byte[] out = new byte[win.width() * win.height()];
    java.util.Arrays.fill(out, (byte) fill);
    for (int r = 0; r < win.height(); r++) {
      int sr = r + win.top();
      if (sr < 0 || sr >= image.height()) {
        continue;
      }
      int c0 = Math.max(0, -win.left());
      int c1 = Math.min(win.width(), image.width() - win.left());
      if (c1 > c0) {
        System.arraycopy(image.pixels(), sr * image.width() + c0 + win.left(), out, r * win.width() + c0, c1 - c0);
      }
    }
    return new GrayImage(win.width(), win.height(), out);
  }
}
