package io.striate.model;

/** Receives activations batch by batch, in stimulus order. */
@FunctionalInterface
public interface ActivationSink {
  /**
   * @param firstStimulus index of {@code rows[0]} in the stimulus set
   * @param rows          {@code batch × selectedUnits} responses; the array may be reused after return
   */
  void accept(int firstStimulus, float[][] rows);
}
