package io.striate.model.runtime;

import io.striate.model.RgbImage;
import io.striate.model.StimulusSet;
import java.util.List;

/** A stimulus set over images in memory. */
public record ListStimuli(List<RgbImage> images) implements StimulusSet {
  public static ListStimuli fromNpz(Npz.Array stacked) {
    int n = stacked.shape()[0];
    int h = stacked.shape()[1];
    int w = stacked.shape()[2];
    byte[] all = stacked.bytes();
    RgbImage[] images = new RgbImage[n];
    for (int i = 0; i < n; i++) {
      byte[] rgb = new byte[h * w * 3];
      System.arraycopy(all, i * rgb.length, rgb, 0, rgb.length);
      images[i] = new RgbImage(w, h, rgb);
    }
    return new ListStimuli(List.of(images));
  }

  @Override
  public int size() {
    return images.size();
  }

  @Override
  public String id(int index) {
    return "image" + index;
  }

  @Override
  public RgbImage image(int index) {
    return images.get(index);
  }
}
