package io.striate.benchmark.freemanziemba2013;

import io.striate.benchmark.BenchmarkScore;
import io.striate.benchmark.metrics.FeatureGram;
import io.striate.benchmark.metrics.PcaProjectedGram;
import io.striate.dataset.RecordingSet;
import io.striate.model.BrainModel;
import io.striate.model.StimulusSet;
import io.striate.problem.FailureKind;
import io.striate.model.Progress;
import io.striate.problem.ScoringException;
import java.util.ArrayList;
import java.util.List;

/**
 * Brain-Score's layer selection for region V1 (spec §8.1): every candidate layer of the model is scored on the
 * public FreemanZiemba2013 benchmark (ceiled), and the argmax (first on ties) is the V1 layer. Layers with more
 * than 1000 units are first projected onto the 1000 principal components of their activations to a fixed fit set
 * of images ({@link PcaProjectedGram}; Brain-Score uses 1000 ImageNet validation images, one per class); pass
 * {@code null} as the fit set to score every layer unprojected. The caller persists the result and commits the
 * layer ({@link io.striate.model.ModelContract#withV1Layer}).
 */
public final class V1LayerSweep {
  private final NeuralPredictivityBenchmark publicBenchmark;
  private final RecordingSource publicData;
  private final StimulusSet pcaFitImages;
  private final double pcaFitDegrees;

  /**
   * @param publicBenchmark {@link FreemanZiemba2013Benchmarks#publicPls}
   * @param publicData      the same benchmark's recordings
   * @param pcaFitImages    the fixed PCA fit set, or null for no projection
   * @param pcaFitDegrees   visual degrees those images span (placed on the model's field like the stimuli)
   */
  public V1LayerSweep(NeuralPredictivityBenchmark publicBenchmark, RecordingSource publicData,
                      StimulusSet pcaFitImages, double pcaFitDegrees) {
    this.publicBenchmark = publicBenchmark;
    this.publicData = publicData;
    this.pcaFitImages = pcaFitImages;
    this.pcaFitDegrees = pcaFitDegrees;
  }

  /**
   * One row per layer.
   *
   * @param projectedComponents PCA components the layer was projected to, or 0 when unprojected
   */
  public record LayerResult(String layer, int units, int projectedComponents, double raw, double ceiling,
                            double ceiled, double error) {
  }

  /** All rows, in candidate order, and the chosen layer. */
  public record Result(List<LayerResult> layers, String bestLayer, String benchmarkId, String formulaId) {
  }

  public Result sweep(BrainModel model, Progress progress) {
    RecordingSet data = publicData.load().orElseThrow(() -> new ScoringException(FailureKind.INTERNAL,
        "layer selection needs " + publicBenchmark.info().id() + ": " + publicBenchmark.availability().howTo()));
    List<String> layers = model.contract().candidateLayers();
    List<LayerResult> rows = new ArrayList<>();
    String formula = null;
    for (int i = 0; i < layers.size(); i++) {
      String layer = layers.get(i);
      Progress p = progress.slice((double) i / layers.size(), (double) (i + 1) / layers.size());
      int units = model.layerShape(layer).units();
      boolean project = pcaFitImages != null && units > PcaProjectedGram.BRAIN_SCORE_COMPONENTS;
      StimulusSet stimuli = new RecordingStimulusPlacement(data.stimuli(), data.visualDegrees(),
          model.contract().visualDegrees());
      FeatureGram gram;
      int fit = 0;
      if (project) {
        StimulusSet fitSet = new RecordingStimulusPlacement(pcaFitImages, pcaFitDegrees,
            model.contract().visualDegrees());
        fit = fitSet.size();
        float[][] x = new float[fit + stimuli.size()][];
        model.activations(fitSet, layer, null, (first, batch) -> copy(batch, x, first), p.slice(0, 0.5));
        int offset = fit;
        model.activations(stimuli, layer, null, (first, batch) -> copy(batch, x, offset + first), p.slice(0.5, 0.9));
        gram = PcaProjectedGram.project(NeuralPredictivityBenchmark.gram(x), fit, PcaProjectedGram.BRAIN_SCORE_COMPONENTS);
      } else {
        gram = NeuralPredictivityBenchmark.gram(model.activationMatrix(stimuli, layer, null, p.slice(0, 0.9)));
      }
      BenchmarkScore s = publicBenchmark.scoreFeatures(gram, data.recordings(), layer, units);
      formula = s.formulaId();
      rows.add(new LayerResult(layer, units, project ? Math.min(PcaProjectedGram.BRAIN_SCORE_COMPONENTS, fit) : 0,
          s.raw(), s.ceiling(), s.ceiled(), s.error()));
      p.report("layer " + layer, 1);
    }
    LayerResult best = null;
    for (LayerResult r : rows) {
      if (best == null || r.ceiled() > best.ceiled()) {
        best = r;
      }
    }
    return new Result(List.copyOf(rows), best == null ? null : best.layer(), publicBenchmark.info().id(), formula);
  }

  private static void copy(float[][] batch, float[][] into, int first) {
    for (int i = 0; i < batch.length; i++) {
      into[first + i] = batch[i].clone();
    }
  }
}
