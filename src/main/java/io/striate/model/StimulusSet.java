package io.striate.model;

/**
 * An ordered set of stimuli, generated or decoded lazily so that thousands of images never have to be held
 * in memory at once. Images are already placed on the model's field of view (the model only resizes them
 * to its input size and normalises them).
 */
public interface StimulusSet {
  /** Number of stimuli. */
  int size();

  /** Stable identifier of stimulus {@code index} (e.g. Brain-Score's {@code stimulus_id}). */
  String id(int index);

  /** The image of stimulus {@code index}; may be generated on each call. */
  RgbImage image(int index);

  /**
   * A description that determines every id and image of this set within one process (the generator and its
   * parameters), or null when there is none. The activation store hashes a set's pixels once per process per
   * descriptor instead of at every lookup; a wrapper that does not change the images must pass it through.
   */
  default String descriptor() {
    return null;
  }

  /**
   * A description that determines every id and image of this set in any process: a {@link #descriptor} plus the
   * version of the code that renders it (the renderer's bytecode, the JDK), or null when there is none. The
   * activation store keeps the pixel digest of such a set on disk, so a new process finds stored responses without
   * rendering and hashing the images again; a wrapper that does not change the images must pass it through.
   */
  default String durableDescriptor() {
    return null;
  }
}
