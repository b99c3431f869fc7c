package io.striate.benchmark.marques2020;

import io.striate.benchmark.stimuli.MarquesStimuli;
import io.striate.model.BrainModel;
import io.striate.model.LayerShape;
import io.striate.model.StimulusSet;
import io.striate.model.Progress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * In-silico electrophysiology on one model's V1 layer (spec §4.6), shared by every Marques 2020 benchmark run on
 * the same {@link BrainModel} instance (Brain-Score caches the same steps with {@code @store}):
 * <ol>
 *   <li>RF mapping on the blank and the RF set, then unit selection: units whose RF centre lies within
 *       {@value #RF_DELTA}° of the stimulus position (0.5°, 0.5°);</li>
 *   <li>the affine map to spikes/s from the orientation set and the blank;</li>
 *   <li>firing rates of the selected units for each property stimulus set, recorded once and cached.</li>
 * </ol>
 * Only the selected units' responses are kept ({@code units × stimuli} floats per set).
 */
public final class PhysiologySession {
  static final double RF_DELTA = ReceptiveFieldMapper.RF_DELTA;

  private final BrainModel model;
  private final String layer;
  private final double degrees;
  private final PhysiologySettings settings;
  private final StageTimings timings = new StageTimings();
  private Selection selection;
  private float[] blankSelected;
  private FiringRateMap affine;
  private final Map<String, float[][]> recorded = new HashMap<>();
  private final Map<String, PropertyTable> tables = new HashMap<>();

  /**
   * Units chosen by RF mapping.
   *
   * @param candidates number of units that were mapped
   * @param units      flat indices of the selected units, ascending
   * @param centres    their RF centres {@code [unit][y, x]} in degrees
   */
  public record Selection(int candidates, int[] units, double[][] centres) {
  }

  public PhysiologySession(BrainModel model, PhysiologySettings settings) {
    this.model = model;
    this.layer = model.contract().v1LayerOrDefault();
    this.degrees = model.contract().visualDegrees();
    this.settings = settings;
  }

  public String layer() {
    return layer;
  }

  public StageTimings timings() {
    return timings;
  }

  private float[][] record(StimulusSet set, int[] units, Progress progress) {
    if (units.length == 0) {
      // no unit to record (nothing in the RF disc): the properties are empty and every benchmark scores 0
      return new float[set.size()][0];
    }
    StimulusSet timed = timings.timed(set);
    long before = timings.stimulusNanos();
    long t0 = System.nanoTime();
    boolean stored = model.stored(timed, layer, units);
    float[][] out = model.activationMatrix(timed, layer, units, progress);
    timings.addModelCall(System.nanoTime() - t0, before, stored);
    return out;
  }

  /**
   * Stage 1: RF mapping and unit selection (cached here, and in the activation store when one is in front of the
   * model: a re-run reads the selection, not the RF set's responses, which are never stored raw).
   */
  public synchronized Selection selection(Progress progress) {
    if (selection != null) {
      return selection;
    }
    LayerShape shape = model.layerShape(layer);
    int[] candidates = candidates(shape);
    StimulusSet blankSet = timings.timed(MarquesStimuli.blank(degrees));
    StimulusSet rf = timings.timed(MarquesStimuli.gratingSet(MarquesStimuli.RECEPTIVE_FIELD, degrees));
    String derivation = ReceptiveFieldMapper.DERIVATION;
    List<StimulusSet> inputs = List.of(blankSet, rf);
    if (derivation != null) {
      long before = timings.stimulusNanos();
      long t0 = System.nanoTime();
      Selection stored = model.storedResult(derivation, inputs, layer, candidates)
          .map(bytes -> ReceptiveFieldMapper.decode(bytes, candidates.length)).orElse(null);
      if (stored != null) {
        timings.addModelCall(System.nanoTime() - t0, before, true);
        progress.report("receptive fields: stored", 1.0);
        selection = stored;
        return selection;
      }
    }
    progress.report("receptive fields: blank", 0);
    long before = timings.stimulusNanos();
    long t0 = System.nanoTime();
    boolean stored = model.stored(blankSet, layer, candidates) && model.stored(rf, layer, candidates);
    float[] blank = new float[candidates.length];
    model.transientActivations(blankSet, layer, candidates,
        (first, rows) -> System.arraycopy(rows[0], 0, blank, 0, blank.length), Progress.NONE);
    double[] b = new double[blank.length];
    for (int u = 0; u < b.length; u++) {
      b[u] = Math.max(blank[u], 0f);
    }
    ReceptiveFieldMapper mapper = new ReceptiveFieldMapper(b);
    model.transientActivations(rf, layer, candidates, mapper, (stage, f) -> progress.report("receptive fields", f));
    timings.addModelCall(System.nanoTime() - t0, before, stored);
    long p0 = System.nanoTime();
    double[][] centres = mapper.centres(MarquesStimuli.RF_POSITIONS);
    selection = ReceptiveFieldMapper.select(candidates, centres, MarquesStimuli.POSITION);
    timings.addPhysiology(System.nanoTime() - p0);
    if (derivation != null) {
      model.storeResult(derivation, inputs, layer, candidates, ReceptiveFieldMapper.encode(selection));
    }
    return selection;
  }

  /** The units to map: all, or a spatial window around the stimulus position when the layer is large. */
  int[] candidates(LayerShape shape) {
    int total = shape.units();
    if (total <= settings.maxMappedUnits() || shape.height() * shape.width() == 1) {
      int[] all = new int[total];
      for (int i = 0; i < total; i++) {
        all[i] = i;
      }
      return all;
    }
    int[] ys = window(shape.height());
    int[] xs = window(shape.width());
    int[] out = new int[shape.channels() * ys.length * xs.length];
    int k = 0;
    for (int c = 0; c < shape.channels(); c++) {
      for (int y : ys) {
        for (int x : xs) {
          out[k++] = shape.unitIndex(c, y, x);
        }
      }
    }
    return out;
  }

  /** Cell indices whose centre {@code ((i + 0.5)/n − 0.5)·degrees} is within the window of 0.5°. */
  private int[] window(int n) {
    return java.util.stream.IntStream.range(0, n)
        .filter(i -> Math.abs(((i + 0.5) / n - 0.5) * degrees - MarquesStimuli.POSITION)
            <= settings.candidateWindow())
        .toArray();
  }

  private float[] blankSelected(Progress progress) {
    if (blankSelected == null) {
      blankSelected = record(MarquesStimuli.blank(degrees), selection(progress).units(), Progress.NONE)[0];
    }
    return blankSelected;
  }

  /** Stage 2: the affine map to spikes/s (cached). */
  public synchronized FiringRateMap affine(Progress progress) {
    if (affine != null) {
      return affine;
    }
    Selection sel = selection(progress);
    float[][] or = recorded(MarquesStimuli.ORIENTATION,
        () -> MarquesStimuli.gratingSet(MarquesStimuli.ORIENTATION, degrees), progress);
    float[] blank = blankSelected(progress);
    long p0 = System.nanoTime();
    int units = sel.units().length;
    double[] peak = new double[units];
    double[] b = new double[units];
    for (int u = 0; u < units; u++) {
      b[u] = Math.max(blank[u], 0f);
      double best = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < or.length / GratingProperties.PHASES; c++) {
        double s = 0;
        for (int p = 0; p < GratingProperties.PHASES; p++) {
          s += Math.max(or[c * GratingProperties.PHASES + p][u], 0f);
        }
        best = Math.max(best, s / GratingProperties.PHASES);
      }
      peak[u] = best;
    }
    affine = units == 0 ? new FiringRateMap(Double.NaN, Double.NaN) : FiringRateMap.fit(peak, b);
    timings.addPhysiology(System.nanoTime() - p0);
    return affine;
  }

  private float[][] recorded(String key, Supplier<StimulusSet> stimuli, Progress progress) {
    float[][] r = recorded.get(key);
    if (r == null) {
      int[] units = selection(progress).units();
      r = record(stimuli.get(), units, (stage, f) -> progress.report(key, f));
      recorded.put(key, r);
    }
    return r;
  }

  /** Firing rates {@code [unit][stimulus]} of the selected units for the set {@code key}. */
  synchronized double[][] rates(String key, Supplier<StimulusSet> stimuli, Progress progress) {
    FiringRateMap map = affine(progress);
    float[][] acts = recorded(key, stimuli, progress);
    long p0 = System.nanoTime();
    int units = selection.units().length;
    double[][] out = new double[units][acts.length];
    for (int s = 0; s < acts.length; s++) {
      float[] row = acts[s];
      for (int u = 0; u < units; u++) {
        out[u][s] = map.rate(row[u]);
      }
    }
    timings.addPhysiology(System.nanoTime() - p0);
    return out;
  }

  /** Blank firing rate per selected unit. */
  synchronized double[] baseline(Progress progress) {
    FiringRateMap map = affine(progress);
    float[] blank = blankSelected(progress);
    double[] out = new double[blank.length];
    for (int u = 0; u < out.length; u++) {
      out[u] = map.rate(blank[u]);
    }
    return out;
  }

  /** A property experiment applied to the rates of one stimulus set. */
  @FunctionalInterface
  public interface Experiment {
    PropertyTable apply(double[][] rates, double[] baseline, int[] unitIds);
  }

  /**
   * The property table of {@code experiment} on the set {@code key} (cached under {@code tableKey}).
   */
  public synchronized PropertyTable properties(String tableKey, String key, Supplier<StimulusSet> stimuli,
                                               Experiment experiment, Progress progress) {
    PropertyTable t = tables.get(tableKey);
    if (t == null) {
      double[][] rates = rates(key, stimuli, progress);
      double[] baseline = baseline(progress);
      long p0 = System.nanoTime();
      t = experiment.apply(rates, baseline, selection.units());
      timings.addPhysiology(System.nanoTime() - p0);
      tables.put(tableKey, t);
    }
    return t;
  }
}
