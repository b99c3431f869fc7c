package io.striate.model.cache;

import io.striate.model.ActivationSink;
import io.striate.model.BrainModel;
import io.striate.model.LayerShape;
import io.striate.model.ModelContract;
import io.striate.model.Progress;
import io.striate.model.StimulusSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A model with the {@link ActivationStore} in front of it: an {@link #activations} call whose key is stored reads the
 * responses from disk (reported as the stage {@value #CACHED_STAGE}); otherwise it runs the forward pass and stores
 * the responses as they stream past, committed only when the pass delivered every stimulus. Results derived from
 * forward passes ({@link #storedResult}) are kept under the activation keys of their inputs; a
 * {@link #transientActivations} pass is read when stored but never written. Closing it does not close the model (the
 * worker's slot owns it).
 */
public final class CachedBrainModel implements BrainModel {
  /** Progress stage of a call served from the store. */
  public static final String CACHED_STAGE = "forward: cached";
  private static final int READ_BATCH = 64;

  private final BrainModel model;
  private final ActivationStore store;
  private final String modelKey;

  CachedBrainModel(BrainModel model, ActivationStore store, String modelKey) {
    this.model = model;
    this.store = store;
    this.modelKey = modelKey;
  }

  @Override
  public ModelContract contract() {
    return model.contract();
  }

  @Override
  public LayerShape layerShape(String layer) {
    return model.layerShape(layer);
  }

  private String key(StimulusSet stimuli, String layer, int[] units) {
    ModelContract c = model.contract();
    String contract = c.inputSize() + " " + Arrays.toString(c.mean()) + " " + Arrays.toString(c.std()) + " trials "
        + c.trials();
    return store.key(modelKey, contract, layer + " " + model.layerShape(layer), units, store.stimulusDigest(stimuli));
  }

  /** The key, or null when the set cannot be hashed (a set whose images fail to render is left to the model). */
  private String keyOrNull(StimulusSet stimuli, String layer, int[] units) {
    try {
      return key(stimuli, layer, units);
    } catch (RuntimeException e) {
      return null;
    }
  }

  @Override
  public boolean stored(StimulusSet stimuli, String layer, int[] units) {
    String key = keyOrNull(stimuli, layer, units);
    return key != null && store.contains(key);
  }

  @Override
  public void activations(StimulusSet stimuli, String layer, int[] units, ActivationSink sink, Progress progress) {
    int cols = units == null ? model.layerShape(layer).units() : units.length;
    String key = keyOrNull(stimuli, layer, units);
    if (key == null) {
      // the store never makes a forward pass fail that would run without it
      model.activations(stimuli, layer, units, sink, progress);
      return;
    }
    int rows = stimuli.size();
    if (store.read(key, rows, cols, READ_BATCH, sink)) {
      progress.report(CACHED_STAGE, 1.0);
      return;
    }
    ActivationStore.Writer writer = store.writer(key, rows, cols);
    if (writer == null) {
      model.activations(stimuli, layer, units, sink, progress);
      return;
    }
    boolean complete = false;
    try {
      model.activations(stimuli, layer, units, (first, batch) -> {
        writer.rows(first, batch);
        sink.accept(first, batch);
      }, progress);
      complete = true;
    } finally {
      if (complete) {
        writer.commit();
      } else {
        writer.abort();
      }
    }
  }

  @Override
  public void transientActivations(StimulusSet stimuli, String layer, int[] units, ActivationSink sink,
                                   Progress progress) {
    int cols = units == null ? model.layerShape(layer).units() : units.length;
    String key = keyOrNull(stimuli, layer, units);
    if (key != null && store.read(key, stimuli.size(), cols, READ_BATCH, sink)) {
      progress.report(CACHED_STAGE, 1.0);
      return;
    }
    model.activations(stimuli, layer, units, sink, progress);
  }

  /** The result key, or null when a set cannot be hashed. */
  private String resultKey(String derivation, List<StimulusSet> inputs, String layer, int[] units) {
    List<String> keys = new ArrayList<>();
    for (StimulusSet set : inputs) {
      String key = keyOrNull(set, layer, units);
      if (key == null) {
        return null;
      }
      keys.add(key);
    }
    return store.resultKey(derivation, keys);
  }

  @Override
  public Optional<byte[]> storedResult(String derivation, List<StimulusSet> inputs, String layer, int[] units) {
    String key = resultKey(derivation, inputs, layer, units);
    return key == null ? Optional.empty() : Optional.ofNullable(store.readResult(key));
  }

  @Override
  public void storeResult(String derivation, List<StimulusSet> inputs, String layer, int[] units, byte[] result) {
    String key = resultKey(derivation, inputs, layer, units);
    if (key != null) {
      store.writeResult(key, result);
    }
  }

  /** The model behind the store. */
  public BrainModel unwrap() {
    return model;
  }

  @Override
  public void close() {
    // the worker's slot owns the model
  }
}
