package io.striate.benchmark.freemanziemba2013;

import io.striate.benchmark.Availability;
import io.striate.benchmark.Benchmark;
import io.striate.benchmark.BenchmarkInfo;
import io.striate.benchmark.BenchmarkScore;
import io.striate.benchmark.metrics.CeilingNormalisation;
import io.striate.benchmark.metrics.CrossValidatedPredictivity;
import io.striate.benchmark.metrics.DjlFeatureGram;
import io.striate.benchmark.metrics.FeatureGram;
import io.striate.benchmark.metrics.GramRegression;
import io.striate.benchmark.metrics.SplitHalfConsistency;
import io.striate.benchmark.metrics.StratifiedShuffleSplit;
import io.striate.dataset.NeuralRecordings;
import io.striate.dataset.RecordingSet;
import io.striate.model.BrainModel;
import io.striate.model.ModelContract;
import io.striate.problem.FailureKind;
import io.striate.model.Progress;
import io.striate.problem.ScoringException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A neural-predictivity benchmark for any imported recording set (Brain-Score's {@code NeuralBenchmark} with
 * {@code CrossRegressedCorrelation}, spec §6): the model's committed V1 layer ({@link ModelContract#v1LayerOrDefault})
 * is read for the recorded images placed on the model's field of view; a {@link GramRegression} (PLS, 25
 * components) is cross-validated over 10 stratified 90/10 splits (seed 1), scored by the median-over-neuroids
 * Pearson r, averaged over splits (raw r); the ceiling c is the split-half Spearman–Brown consistency over
 * repetitions (seed 1) and the ceiled score is {@link CeilingNormalisation} of (r, c).
 */
public final class NeuralPredictivityBenchmark implements Benchmark {
  /** Brain-Score's cross-validation and ceiling seed ({@code random_state=1}). */
  public static final long SEED = 1;

  private final BenchmarkInfo info;
  private final RecordingSource source;
  private final String stratifyColumn;
  private final GramRegression regression;
  private final CeilingNormalisation normalisation;
  private final String howToImport;
  private SplitHalfConsistency.Result cachedCeiling;
  private NeuralRecordings ceilingFor;

  /**
   * @param stratifyColumn per-stimulus column the splits are stratified by (FreemanZiemba2013: {@code texture_type})
   * @param howToImport    what an administrator runs to make the data available
   */
  public NeuralPredictivityBenchmark(BenchmarkInfo info, RecordingSource source, String stratifyColumn,
                                     GramRegression regression, CeilingNormalisation normalisation,
                                     String howToImport) {
    this.info = info;
    this.source = source;
    this.stratifyColumn = stratifyColumn;
    this.regression = regression;
    this.normalisation = normalisation;
    this.howToImport = howToImport;
  }

  @Override
  public BenchmarkInfo info() {
    return info;
  }

  @Override
  public Availability availability() {
    return source.load().isPresent() ? Availability.yes()
        : Availability.no("the recordings of " + info.paper() + " are not distributable and have not been imported",
            howToImport);
  }

  @Override
  public BenchmarkScore score(BrainModel model, Progress progress) {
    String layer = model.contract().v1LayerOrDefault();
    return scoreLayer(model, layer, progress);
  }

  /** Scores one given layer (used by the layer sweep). */
  public BenchmarkScore scoreLayer(BrainModel model, String layer, Progress progress) {
    RecordingSet data = source.load().orElseThrow(() -> new ScoringException(FailureKind.INTERNAL,
        info.id() + " is unavailable: " + howToImport));
    ModelContract contract = model.contract();
    RecordingStimulusPlacement placed = new RecordingStimulusPlacement(data.stimuli(), data.visualDegrees(),
        contract.visualDegrees());
    float[][] x = model.activationMatrix(placed, layer, null, progress.slice(0, 0.8));
    int units = x[0].length;
    progress.report("regression", 0.8);
    return scoreFeatures(gram(x), data.recordings(), layer, units);
  }

  /**
   * The Gram matrix of {@code x} with PyTorch's sgemm ({@link DjlFeatureGram}, ~7× faster than the plain-Java
   * product), falling back to {@link FeatureGram#compute} when the native engine is unavailable.
   */
  static FeatureGram gram(float[][] x) {
    try {
      return DjlFeatureGram.compute(x);
    } catch (RuntimeException | UnsatisfiedLinkError e) {
      // DjlFeatureGram centres x in place before the engine call; centring again is a no-op up to rounding
      return FeatureGram.compute(x);
    }
  }

  /** Scores precomputed features (their Gram matrix) against the recordings. */
  public BenchmarkScore scoreFeatures(FeatureGram features, NeuralRecordings rec, String layer, int units) {
    CrossValidatedPredictivity.Result r = CrossValidatedPredictivity.score(features, rec.repetitionAveraged(),
        rec.column(stratifyColumn), regression, StratifiedShuffleSplit.BRAIN_SCORE_SPLITS,
        StratifiedShuffleSplit.BRAIN_SCORE_TRAIN_SIZE, SEED);
    SplitHalfConsistency.Result c = ceiling(rec);
    double ceiled = normalisation.apply(r.raw(), c.ceiling());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("regression", r.regressionId());
    details.put("formula", normalisation.formulaId());
    details.put("rawError", r.error());
    details.put("splitMedianR", r.splitMedians());
    details.put("neuroidR", r.neuroidR());
    details.put("neuroids", rec.neuroidIds());
    details.put("ceilingSplitMedians", c.splitMedians());
    details.put("ceilingError", c.error());
    details.put("units", units);
    details.put("stimuli", rec.stimuli());
    details.put("dataset", rec.id());
    details.put("splitGenerator", "numpy RandomState(1) MT19937 in scikit-learn order (StratifiedShuffleSplit / "
        + "ShuffleSplit, random_state=1); stimuli in the recordings' order");
    return new BenchmarkScore(r.raw(), c.ceiling(), ceiled, normalisation.error(r.raw(), c.ceiling(), r.error()),
        layer, normalisation.formulaId(), details);
  }

  /** The split-half ceiling of {@code rec} (cached per recording set). */
  public synchronized SplitHalfConsistency.Result ceiling(NeuralRecordings rec) {
    if (ceilingFor != rec) {
      cachedCeiling = SplitHalfConsistency.ceiling(rec.responses(), rec.presentationStimulus(),
          rec.presentationRepetition(), rec.stimuli(), SplitHalfConsistency.BRAIN_SCORE_SPLITS, SEED);
      ceilingFor = rec;
    }
    return cachedCeiling;
  }
}
