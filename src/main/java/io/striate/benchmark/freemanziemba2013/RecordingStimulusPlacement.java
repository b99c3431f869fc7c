package io.striate.benchmark.freemanziemba2013;

import io.striate.benchmark.stimuli.FieldOfView;
import io.striate.model.RgbImage;
import io.striate.model.StimulusSet;

/**
 * The recorded images placed on a model's field of view (Brain-Score's {@code place_on_screen}, spec §4.4/§6.2):
 * an image spanning {@code sourceDegrees} is centre-cropped (model field smaller) or pasted centred on a gray (128)
 * canvas (model field larger), with the window of {@link FieldOfView#window}. FreemanZiemba2013 (4°) on an 8°
 * model: each 320×320 image lands in the middle of a 640×640 gray canvas. The model then resizes to its input.
 */
public final class RecordingStimulusPlacement implements StimulusSet {
  private final StimulusSet source;
  private final double sourceDegrees;
  private final double targetDegrees;

  public RecordingStimulusPlacement(StimulusSet source, double sourceDegrees, double targetDegrees) {
    this.source = source;
    this.sourceDegrees = sourceDegrees;
    this.targetDegrees = targetDegrees;
  }

  @Override
  public int size() {
    return source.size();
  }

  @Override
  public String id(int index) {
    return source.id(index);
  }

  @Override
  public RgbImage image(int index) {
    return place(source.image(index), sourceDegrees, targetDegrees);
  }

  /** Crops or pads {@code image} from {@code sourceDegrees} to {@code targetDegrees}. */
  public static RgbImage place(RgbImage image, double sourceDegrees, double targetDegrees) {
    FieldOfView.Window win = FieldOfView.window(image.width(), image.height(), sourceDegrees, targetDegrees);
    if (win.left() == 0 && win.top() == 0 && win.width() == image.width() && win.height() == image.height()) {
      return image;
    }
    byte[] out = new byte[win.width() * win.height() * 3];
    java.util.Arrays.fill(out, (byte) FieldOfView.PIL_GRAY);
    for (int y = 0; y < win.height(); y++) {
      int sy = y + win.top();
      if (sy < 0 || sy >= image.height()) {
        continue;
      }
      for (int x = 0; x < win.width(); x++) {
        int sx = x + win.left();
        if (sx < 0 || sx >= image.width()) {
          continue;
        }
        int o = (y * win.width() + x) * 3;
        int i = (sy * image.width() + sx) * 3;
        out[o] = image.rgb()[i];
        out[o + 1] = image.rgb()[i + 1];
        out[o + 2] = image.rgb()[i + 2];
      }
    }
    return new RgbImage(win.width(), win.height(), out);
  }
}
