package io.striate.benchmark.stimuli;

import io.striate.model.RgbImage;
import io.striate.model.StimulusSet;
import java.util.function.IntFunction;

/** A stimulus set whose images are produced on demand by a function (blank, decoded textures). */
public final class GeneratedStimulusSet implements StimulusSet {
  private final String name;
  private final int size;
  private final IntFunction<RgbImage> images;

  private final String descriptor;
  private final String durableDescriptor;

  public GeneratedStimulusSet(String name, int size, IntFunction<RgbImage> images) {
    this(name, size, images, null);
  }

  /** @param descriptor what determines the images within one process (see {@link StimulusSet#descriptor}), or null */
  public GeneratedStimulusSet(String name, int size, IntFunction<RgbImage> images, String descriptor) {
    this(name, size, images, descriptor, null);
  }

  /**
   * @param durableDescriptor what determines the images in any process, with the version of the code that renders
   *                          them (see {@link StimulusSet#durableDescriptor}), or null
   */
  public GeneratedStimulusSet(String name, int size, IntFunction<RgbImage> images, String descriptor,
                              String durableDescriptor) {
    this.descriptor = descriptor;
    this.durableDescriptor = durableDescriptor;
    this.name = name;
    this.size = size;
    this.images = images;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public String id(int index) {
    return name + "/" + index;
  }

  @Override
  public String descriptor() {
    return descriptor;
  }

  @Override
  public String durableDescriptor() {
    return durableDescriptor;
  }

  @Override
  public RgbImage image(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException(index);
    }
    return images.apply(index);
  }
}
