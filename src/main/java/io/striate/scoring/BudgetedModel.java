package io.striate.scoring;

import io.striate.model.ActivationSink;
import io.striate.model.BrainModel;
import io.striate.model.LayerShape;
import io.striate.model.ModelContract;
import io.striate.model.StimulusSet;
import io.striate.model.TimedStimulusSet;

/**
 * The model as one attempt's benchmark sees it: every {@code activations} call is a timed forward pass with its
 * {@link Budget} (checked by the heartbeat), and a stopped attempt ends at the next batch. Closing it does not
 * close the model, which the worker keeps for the next job of the same version.
 */
public final class BudgetedModel implements BrainModel {
  private final BrainModel model;
  private final Budget budget;
  private final Attempt attempt;

  BudgetedModel(BrainModel model, Budget budget, Attempt attempt) {
    this.model = model;
    this.budget = budget;
    this.attempt = attempt;
  }

  @Override
  public ModelContract contract() {
    return model.contract();
  }

  @Override
  public LayerShape layerShape(String layer) {
    return model.layerShape(layer);
  }

  @Override
  public void activations(StimulusSet stimuli, String layer, int[] units, ActivationSink sink,
                          io.striate.model.Progress progress) {
    forward(stimuli, layer, units, sink, progress, false);
  }

  @Override
  public void transientActivations(StimulusSet stimuli, String layer, int[] units, ActivationSink sink,
                                   io.striate.model.Progress progress) {
    forward(stimuli, layer, units, sink, progress, true);
  }

  private void forward(StimulusSet stimuli, String layer, int[] units, ActivationSink sink,
                       io.striate.model.Progress progress, boolean transientPass) {
    attempt.checkStop();
    Budget.Forward forward = budget.start(stimuli.size());
    attempt.forward(forward);
    // producing the stimuli (rendering gratings, decoding files) is the benchmark's time, not the model's
    StimulusSet timed = new TimedStimulusSet(stimuli, forward::excluded);
    ActivationSink budgeted = (first, rows) -> {
      attempt.checkStop();
      forward.delivered(first + rows.length);
      sink.accept(first, rows);
    };
    try {
      if (transientPass) {
        model.transientActivations(timed, layer, units, budgeted, progress);
      } else {
        model.activations(timed, layer, units, budgeted, progress);
      }
    } finally {
      attempt.forward(null);
    }
    attempt.checkStop();
  }

  @Override
  public boolean stored(StimulusSet stimuli, String layer, int[] units) {
    return model.stored(stimuli, layer, units);
  }

  @Override
  public java.util.Optional<byte[]> storedResult(String derivation, java.util.List<StimulusSet> inputs, String layer,
                                                 int[] units) {
    attempt.checkStop();
    return model.storedResult(derivation, inputs, layer, units);
  }

  @Override
  public void storeResult(String derivation, java.util.List<StimulusSet> inputs, String layer, int[] units,
                          byte[] result) {
    model.storeResult(derivation, inputs, layer, units, result);
  }

  /** The model itself. */
  public BrainModel unwrap() {
    return model;
  }

  @Override
  public void close() {
    // the worker's ModelSlot owns the model
  }
}
