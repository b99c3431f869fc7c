package io.striate.model;


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
