package io.striate.scoring;

import io.striate.model.ActivationSink;
import io.striate.model.BrainModel;
import io.striate.model.LayerShape;
import io.striate.model.ModelContract;
import io.striate.model.Progress;
import io.striate.model.StimulusSet;
import io.striate.model.TimedStimulusSet;
import java.util.concurrent.atomic.LongAdder;

/**
 * The loaded model with a meter on it: the images its forward passes computed and the wall time they took without
 * the time spent producing the stimuli, so a job reports its throughput {@code images / seconds} in images per
 * second. It sits behind the activation store, so responses read from the store are not counted: a fully cached
 * job computed 0 images and has no throughput. Closing it does not close the model (the worker's slot owns it).
 */
public final class MeteredModel implements BrainModel {
  private final BrainModel model;
  private final LongAdder images = new LongAdder();
  private final LongAdder nanos = new LongAdder();

  MeteredModel(BrainModel model) {
    this.model = model;
  }

  /** Images computed so far. */
  long images() {
    return images.sum();
  }

  /** Images per second of the forward passes so far, or null when none computed an image. */
  Double imagesPerSecond() {
    long n = images.sum();
    long t = nanos.sum();
    return n == 0 || t <= 0 ? null : n / (t / 1e9);
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
  public void activations(StimulusSet stimuli, String layer, int[] units, ActivationSink sink, Progress progress) {
    LongAdder stimulusNanos = new LongAdder();
    long t0 = System.nanoTime();
    try {
      model.activations(new TimedStimulusSet(stimuli, stimulusNanos::add), layer, units, (first, rows) -> {
        images.add(rows.length);
        sink.accept(first, rows);
      }, progress);
    } finally {
      nanos.add(Math.max(0, System.nanoTime() - t0 - stimulusNanos.sum()));
    }
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
