package io.striate.benchmark.marques2020;

import io.striate.benchmark.Availability;
import io.striate.benchmark.Benchmark;
import io.striate.benchmark.BenchmarkInfo;
import io.striate.benchmark.BenchmarkScore;
import io.striate.benchmark.marques2020.data.MarquesDataStore;
import io.striate.benchmark.marques2020.data.PropertyAssembly;
import io.striate.benchmark.metrics.KsDistributionSimilarity;
import io.striate.benchmark.stimuli.MarquesStimuli;
import io.striate.model.BrainModel;
import io.striate.model.StimulusSet;
import io.striate.problem.FailureKind;
import io.striate.model.Progress;
import io.striate.problem.ScoringException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A Marques 2020 property benchmark (Brain-Score's {@code PropertiesBenchmark}, spec §4–§5): in-silico physiology on
 * the model's V1 layer, the property values of the units passing the response threshold, the bootstrapped KS
 * distribution similarity to the primate distribution, divided by the ceiling (the data against itself).
 * Version 1, time bin (70, 170) ms (a label for static models).
 */
public final class PropertyBenchmark implements Benchmark {
  public static final int VERSION = 1;
  static final String FORMULA = "raw/ceiling";

  private final PropertyBenchmarkDefinition definition;
  private final MarquesReferenceData embedded;
  private final MarquesDataStore store;
  private final MarquesPhysiology physiology;
  private volatile Ceiling ceiling;

  private record Ceiling(String source, KsDistributionSimilarity.Result result) {
  }

  public PropertyBenchmark(PropertyBenchmarkDefinition definition, MarquesReferenceData embedded,
                           MarquesDataStore store, MarquesPhysiology physiology) {
    this.definition = definition;
    this.embedded = embedded;
    this.store = store;
    this.physiology = physiology;
  }

  public PropertyBenchmarkDefinition definition() {
    return definition;
  }

  /** The primate reference, or null while it is not imported. */
  PropertyDistribution data() {
    PropertyDistribution d = embedded.get(definition.dataset(), definition.property());
    if (d != null) {
      return d;
    }
    return store.assembly(assemblyId()).filter(this::hasProperty).map(a -> a.distribution(definition.property()))
        .orElse(null);
  }

  private String assemblyId() {
    return definition.dataset().equals("Ringach2002") ? MarquesDataStore.RINGACH : MarquesDataStore.FREEMAN_ZIEMBA;
  }

  private boolean hasProperty(PropertyAssembly a) {
    return a.properties().contains(definition.property()) && a.bins().containsKey(definition.property());
  }

  @Override
  public Availability availability() {
    if (embedded.get(definition.dataset(), definition.property()) != null) {
      return Availability.yes();
    }
    java.util.Optional<PropertyAssembly> imported = store.assembly(assemblyId());
    if (imported.isPresent() && !hasProperty(imported.get())) {
      return Availability.no("the imported assembly " + assemblyId() + " has no column '" + definition.property()
          + "' with bins", store.howTo(assemblyId()));
    }
    if (definition.dataset().equals("Ringach2002")) {
      return imported.isPresent() ? Availability.yes()
          : Availability.no("Ringach 2002 per-neuron data (Brain-Score assembly " + MarquesDataStore.RINGACH
              + ") is not public in this repository and has not been imported",
              store.howTo(MarquesDataStore.RINGACH));
    }
    if (imported.isEmpty()) {
      return Availability.no("FreemanZiemba 2013 V1 property data (Brain-Score assembly "
          + MarquesDataStore.FREEMAN_ZIEMBA + ") has not been imported", store.howTo(MarquesDataStore.FREEMAN_ZIEMBA));
    }
    if (store.textureStimuli().isEmpty()) {
      return Availability.no("the texture stimulus set " + MarquesDataStore.TEXTURES + " has not been imported",
          store.howTo(MarquesDataStore.TEXTURES));
    }
    return Availability.yes();
  }

  /** The ceiling (data against itself, seeded), or null while the data is not imported. */
  public Double ceilingValue() {
    PropertyDistribution d = data();
    if (d == null) {
      return null;
    }
    return ceiling(d).result().center();
  }

  private Ceiling ceiling(PropertyDistribution d) {
    Ceiling c = ceiling;
    if (c == null || !c.source().equals(d.source())) {
      c = new Ceiling(d.source(), KsDistributionSimilarity.ceiling(d.values(), d.bins(),
          physiology.settings().seed()));
      ceiling = c;
    }
    return c;
  }

  @Override
  public BenchmarkInfo info() {
    PropertyDistribution d = data();
    return new BenchmarkInfo(definition.id(), VERSION, definition.parent(), definition.title(), definition.paper(),
        d == null ? null : ceiling(d).result().center(),
        d == null ? "not imported: " + availability().reason() : d.source());
  }

  @Override
  public BenchmarkScore score(BrainModel model, Progress progress) {
    PropertyDistribution d = data();
    Availability a = availability();
    if (d == null || !a.available()) {
      throw new ScoringException(FailureKind.INTERNAL, definition.id() + " is unavailable: " + a.reason());
    }
    PhysiologySession session = physiology.session(model);
    PhysiologySession.Selection selection = session.selection(progress.slice(0, 0.4));
    Supplier<StimulusSet> stimuli = stimuli(model.contract().visualDegrees());
    PropertyTable table = session.properties(definition.experiment().name(), definition.experiment().stimulusSet(),
        stimuli, definition.experiment().function(), progress.slice(0.4, 0.95));
    progress.report("metric", 0.95);
    long t0 = System.nanoTime();
    double[] values = table.column(definition.property());
    KsDistributionSimilarity.Result result = KsDistributionSimilarity.score(values, d.values(), d.bins(),
        physiology.settings().seed());
    Ceiling c = ceiling(d);
    double ks = KsDistributionSimilarity.distance(KsDistributionSimilarity.normalise(result.modelCounts()),
        KsDistributionSimilarity.normalise(result.dataCounts()));
    session.timings().addMetric(System.nanoTime() - t0);
    double ceilingValue = c.result().center();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("property", definition.property());
    details.put("dataset", definition.dataset());
    details.put("layer", session.layer());
    details.put("units_mapped", selection.candidates());
    details.put("units_in_rf", selection.units().length);
    details.put("units_in_rf_indices", selection.units());
    details.put("units_passing_threshold", table.units().length);
    details.put("units", table.units());
    details.put("values", nullable(values));
    details.put("bins", d.bins());
    details.put("model_counts", result.modelCounts());
    details.put("data_counts", result.dataCounts());
    details.put("data_rows", d.rows());
    details.put("ks_statistic", Double.isNaN(ks) ? null : ks);
    details.put("bootstrap_mean", result.center());
    details.put("bootstrap_std", result.error());
    details.put("error_ceiled", result.error() / ceilingValue);
    details.put("bootstrap_nan_draws", result.nanDraws());
    details.put("ceiling_std", c.result().error());
    details.put("seed", physiology.settings().seed());
    FiringRateMap map = session.affine(Progress.NONE);
    details.put("affine_slope", finiteOrNull(map.slope()));
    details.put("affine_offset", finiteOrNull(map.offset()));
    details.put("timings_ms", session.timings().millis());
    details.put("forward", session.timings().forwardSource());
    details.put("data_source", d.source());
    progress.report("done", 1);
    // error as Brain-Score keeps it: the raw bootstrap SD (its ceiling step leaves error unscaled); the SD divided
    // by the ceiling is kept as details.error_ceiled
    return new BenchmarkScore(result.center(), ceilingValue, result.center() / ceilingValue,
        result.error(), session.layer(), FORMULA, details);
  }

  /** The experiment's stimulus set (the receptive-field mapping and blank it shares with the suite not counted). */
  @Override
  public java.util.OptionalInt imageCount() {
    if (!availability().available()) {
      return java.util.OptionalInt.empty();
    }
    return java.util.OptionalInt.of(stimuli(io.striate.model.ModelContract.DEFAULT_VISUAL_DEGREES).get()
        .size());
  }

  private Supplier<StimulusSet> stimuli(double degrees) {
    String set = definition.experiment().stimulusSet();
    if (set.equals(MarquesExperiment.TEXTURE_SET)) {
      return () -> store.textureStimuli().orElseThrow().placed(degrees);
    }
    return () -> MarquesStimuli.gratingSet(set, degrees);
  }

  private static Double finiteOrNull(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static List<Double> nullable(double[] values) {
    List<Double> out = new ArrayList<>(values.length);
    for (double v : values) {
      out.add(Double.isFinite(v) ? v : null);
    }
    return out;
  }
}
