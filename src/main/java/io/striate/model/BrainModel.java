package io.striate.model;

import java.util.List;
import java.util.Optional;

/**
 * A loaded model as the benchmarks see it: a contract plus layer activations for stimuli.
 * Implementations stream results in batches so memory stays bounded by {@code batch × units}.
 * Close it to release native memory.
 */
public interface BrainModel extends AutoCloseable {
  ModelContract contract();

  /** Output shape of {@code layer} for one image. */
  LayerShape layerShape(String layer);

  /**
   * Runs every stimulus through the model and hands the responses of the selected units of {@code layer} to
   * {@code sink}, in stimulus order. Stochastic models ({@code contract().trials() > 1}) are averaged over trials.
   *
   * @param units flat unit indices to keep (see {@link LayerShape}), or null for all units
   */
  void activations(StimulusSet stimuli, String layer, int[] units, ActivationSink sink, Progress progress);

  /**
   * Whether {@link #activations} with these arguments would read stored responses instead of running the forward
   * pass (see the activation store); a hint for stage timings, false unless a store is in front of the model.
   */
  default boolean stored(StimulusSet stimuli, String layer, int[] units) {
    return false;
  }

  /**
   * As {@link #activations}, for a pass whose responses only feed a result kept with {@link #storeResult} (the RF
   * mapping's 3528 stimuli × every mapped unit): an activation store in front of the model reads them when it holds
   * them but does not write them, since the small result replaces them.
   */
  default void transientActivations(StimulusSet stimuli, String layer, int[] units, ActivationSink sink,
                                    Progress progress) {
    activations(stimuli, layer, units, sink, progress);
  }

  /**
   * A small result that the computation {@code derivation} made from this model's responses of {@code layer}'s
   * {@code units} to each set of {@code inputs}, when an activation store in front of the model holds it; empty
   * otherwise. {@code derivation} must name the computation exactly: its code version and every parameter.
   */
  default Optional<byte[]> storedResult(String derivation, List<StimulusSet> inputs, String layer, int[] units) {
    return Optional.empty();
  }

  /** Keeps {@code result} for {@link #storedResult} with the same arguments; a no-op without an activation store. */
  default void storeResult(String derivation, List<StimulusSet> inputs, String layer, int[] units, byte[] result) {
  }

  /** Convenience: the whole {@code stimuli × units} response matrix. */
  default float[][] activationMatrix(StimulusSet stimuli, String layer, int[] units, Progress progress) {
    float[][] out = new float[stimuli.size()][];
    activations(stimuli, layer, units, (first, rows) -> {
      for (int i = 0; i < rows.length; i++) {
        out[first + i] = rows[i].clone();
      }
    }, progress);
    return out;
  }

  @Override
  void close();
}
