package io.striate.benchmark.freemanziemba2013;

import io.striate.benchmark.BenchmarkInfo;
import io.striate.benchmark.ScoreTree;
import io.striate.benchmark.metrics.CeilingNormalisation;
import io.striate.benchmark.metrics.GramPlsRegression;
import io.striate.benchmark.metrics.RidgeRegression;

/**
 * Brain-Score's FreemanZiemba2013 V1 neural-predictivity benchmarks (spec §6): 450 texture/noise images at 4°,
 * 102 V1 neurons, 20 repetitions, 50–200 ms; PLS with 25 components, 10 stratified (texture_type) splits.
 * Freeman, Ziemba, Heeger, Simoncelli &amp; Movshon 2013, Nat. Neurosci. 16:974.
 */
public final class FreemanZiemba2013Benchmarks {
  /** The private benchmark, child of V1 in the score tree. */
  public static final String PRIVATE_ID = ScoreTree.FREEMAN_ZIEMBA_PLS;
  /** The public benchmark (135 images), used for layer selection; not part of the V1 score. */
  public static final String PUBLIC_ID = "FreemanZiemba2013public.V1-pls";
  /** The ridge variant on the private data (Striate's, not Brain-Score's); not part of the V1 score. */
  public static final String PRIVATE_RIDGE_ID = "FreemanZiemba2013.V1-ridge";
  /** Per-stimulus column the cross-validation is stratified by. */
  public static final String STRATIFY_COLUMN = "texture_type";
  /** The private set's recording id in the dataset catalogue. */
  public static final String PRIVATE_DATASET = "movshon.FreemanZiemba2013.private";
  /** The public set's recording id in the dataset catalogue. */
  public static final String PUBLIC_DATASET = "movshon.FreemanZiemba2013.public";
  static final String PAPER = "Freeman, Ziemba, Heeger, Simoncelli & Movshon 2013, Nat. Neurosci. 16:974";
  static final String HOW_TO = "Import the BrainIO assembly and stimulus set of %s (region V1, time bins 50-200 ms "
      + "averaged) with the dataset importer, see docs/datasets.md (io.striate.dataset.DatasetImportCommand --brainio ...)";

  private FreemanZiemba2013Benchmarks() {
  }

  /** {@code FreemanZiemba2013.V1-pls}, version 2 ((r/c)², the 2023 paper's) or 3 (r²/c). */
  public static NeuralPredictivityBenchmark privatePls(RecordingSource source, CeilingNormalisation normalisation) {
    BenchmarkInfo info = new BenchmarkInfo(PRIVATE_ID, normalisation.benchmarkVersion(), ScoreTree.V1,
        "FreemanZiemba2013 V1 neural predictivity (PLS, private 315 images)", PAPER, null,
        "brain-score/vision benchmarks/freemanziemba2013; data imported by the administrator; Brain-Score's stored "
            + "ceiling 0.8736567542821909");
    return new NeuralPredictivityBenchmark(info, source, STRATIFY_COLUMN, GramPlsRegression.brainScore(),
        normalisation, String.format(HOW_TO, PRIVATE_DATASET));
  }

  /** {@code FreemanZiemba2013public.V1-pls}: the 135 public images, for layer selection. */
  public static NeuralPredictivityBenchmark publicPls(RecordingSource source, CeilingNormalisation normalisation) {
    BenchmarkInfo info = new BenchmarkInfo(PUBLIC_ID, normalisation.benchmarkVersion(), null,
        "FreemanZiemba2013 V1 neural predictivity (PLS, public 135 images; layer selection)", PAPER, null,
        "brain-score/vision benchmarks/freemanziemba2013/public_benchmarks.py; data imported by the administrator");
    return new NeuralPredictivityBenchmark(info, source, STRATIFY_COLUMN, GramPlsRegression.brainScore(),
        normalisation, String.format(HOW_TO, PUBLIC_DATASET));
  }

  /** Striate's ridge variant on the private data (cross-validated alpha); clearly not Brain-Score's number. */
  public static NeuralPredictivityBenchmark privateRidge(RecordingSource source, CeilingNormalisation normalisation) {
    BenchmarkInfo info = new BenchmarkInfo(PRIVATE_RIDGE_ID, 1, null,
        "FreemanZiemba2013 V1 neural predictivity (ridge, cross-validated alpha; Striate variant)", PAPER, null,
        "Striate variant of FreemanZiemba2013.V1-pls with RidgeRegression instead of PLS");
    return new NeuralPredictivityBenchmark(info, source, STRATIFY_COLUMN, RidgeRegression.crossValidated(),
        normalisation, String.format(HOW_TO, PRIVATE_DATASET));
  }
}
