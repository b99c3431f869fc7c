package io.striate.benchmark.marques2020;

import io.striate.benchmark.marques2020.data.MarquesDataStore;
import java.util.List;

/**
 * Builds the Marques 2020 benchmarks by Brain-Score id (a registry of factories, as Brain-Score's
 * {@code benchmark_registry}), all sharing the reference data, the data store and the physiology sessions.
 */
public final class MarquesBenchmarkFactory {
  private final MarquesReferenceData embedded;
  private final MarquesDataStore store;
  private final MarquesPhysiology physiology;

  public MarquesBenchmarkFactory(MarquesReferenceData embedded, MarquesDataStore store,
                                 MarquesPhysiology physiology) {
    this.embedded = embedded;
    this.store = store;
    this.physiology = physiology;
  }

  /** The benchmark with Brain-Score id {@code id}. */
  public PropertyBenchmark create(String id) {
    return new PropertyBenchmark(PropertyBenchmarkDefinition.byId(id), embedded, store, physiology);
  }

  /** All 22, in the order of spec §2. */
  public List<PropertyBenchmark> all() {
    return PropertyBenchmarkDefinition.ALL.stream()
        .map(d -> new PropertyBenchmark(d, embedded, store, physiology)).toList();
  }
}
