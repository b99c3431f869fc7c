package io.striate.model;

import java.util.function.LongConsumer;

/**
 * A stimulus set whose image generation (rendering a grating, decoding a file) is timed: each {@link #image} call's
 * wall time in nanoseconds goes to {@code sink}, so that callers can tell the model's time from the stimuli's.
 * Everything else, identity and descriptors included, is the wrapped set's.
 */
public record TimedStimulusSet(StimulusSet set, LongConsumer sink) implements StimulusSet {
  @Override
  public int size() {
    return set.size();
  }

  @Override
  public String id(int index) {
    return set.id(index);
  }

  @Override
  public String descriptor() {
    return set.descriptor();
  }

  @Override
  public String durableDescriptor() {
    return set.durableDescriptor();
  }

  @Override
  public RgbImage image(int index) {
    long t0 = System.nanoTime();
    try {
      return set.image(index);
    } finally {
      sink.accept(System.nanoTime() - t0);
    }
  }
}
