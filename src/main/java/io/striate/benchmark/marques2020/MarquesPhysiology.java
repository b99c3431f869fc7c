package io.striate.benchmark.marques2020;

import io.striate.model.BrainModel;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Hands out one {@link PhysiologySession} per {@link BrainModel} instance, so that the 22 benchmarks scored on
 * the same loaded model share the RF mapping, affine map and recorded responses (Brain-Score's {@code @store}
 * caching). Sessions are dropped with their model (weak keys).
 */
public final class MarquesPhysiology {
  private final PhysiologySettings settings;
  private final Map<BrainModel, PhysiologySession> sessions = new WeakHashMap<>();

  public MarquesPhysiology(PhysiologySettings settings) {
    this.settings = settings;
  }

  public PhysiologySettings settings() {
    return settings;
  }

  /** The session of {@code model} on its committed V1 layer. */
  public synchronized PhysiologySession session(BrainModel model) {
    PhysiologySession s = sessions.get(model);
    if (s == null || !s.layer().equals(model.contract().v1LayerOrDefault())) {
      s = new PhysiologySession(model, settings);
      sessions.put(model, s);
    }
    return s;
  }

  /** Forgets the session of {@code model} (e.g. after the last benchmark of a job). */
  public synchronized void release(BrainModel model) {
    sessions.remove(model);
  }
}
