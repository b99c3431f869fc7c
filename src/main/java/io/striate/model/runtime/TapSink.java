package io.striate.model.runtime;

/** Receives the activations of several taps batch by batch, in stimulus order (see {@code ActivationSink}). */
@FunctionalInterface
public interface TapSink {
  /**
   * @param tap           tap name
   * @param firstStimulus index of {@code rows[0]} in the stimulus set
   * @param rows          {@code images × selectedUnits}, padding rows removed
   */
  void accept(String tap, int firstStimulus, float[][] rows);
}
