package io.striate.benchmark.marques2020;

import io.striate.model.StimulusSet;
import io.striate.model.TimedStimulusSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Wall time of a property-suite run split into stimulus generation (rendering and placing images, measured
 * inside the model's calls to {@link StimulusSet#image}), model forward (the rest of the activation calls),
 * physiology (RF mapping, affine map, property functions) and metric (bootstrap, ceiling).
 */
public final class StageTimings {
  private final LongAdder stimuli = new LongAdder();
  private final LongAdder forward = new LongAdder();
  private final LongAdder physiology = new LongAdder();
  private final LongAdder metric = new LongAdder();
  private final LongAdder cachedCalls = new LongAdder();
  private final LongAdder computedCalls = new LongAdder();

  /** Wraps {@code set} so that its image generation time is counted. */
  StimulusSet timed(StimulusSet set) {
    return new TimedStimulusSet(set, stimuli::add);
  }

  /**
   * Counts a model call's duration as forward time, minus the stimulus time spent inside it.
   *
   * @param stored whether the call read stored responses (the activation store) instead of running the model
   */
  void addModelCall(long nanos, long stimulusNanosBefore, boolean stored) {
    (stored ? cachedCalls : computedCalls).increment();
    long inside = stimuli.sum() - stimulusNanosBefore;
    forward.add(Math.max(0, nanos - inside));
  }

  long stimulusNanos() {
    return stimuli.sum();
  }

  void addPhysiology(long nanos) {
    physiology.add(nanos);
  }

  void addMetric(long nanos) {
    metric.add(nanos);
  }

  /**
   * Where the forward stage's responses came from: {@code cached} (every model call read the activation store),
   * {@code computed} (none did), or {@code partly cached (k of n calls)}.
   */
  public String forwardSource() {
    long cached = cachedCalls.sum();
    long all = cached + computedCalls.sum();
    if (cached == 0) {
      return "computed";
    }
    return cached == all ? "cached" : "partly cached (" + cached + " of " + all + " calls)";
  }

  /** Milliseconds per stage: stimuli, forward, physiology, metric. */
  public Map<String, Double> millis() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("stimuli", stimuli.sum() / 1e6);
    m.put("forward", forward.sum() / 1e6);
    m.put("physiology", physiology.sum() / 1e6);
    m.put("metric", metric.sum() / 1e6);
    return m;
  }
}
