package io.striate.benchmark.freemanziemba2013;

import io.striate.benchmark.Availability;
import io.striate.benchmark.Benchmark;
import io.striate.benchmark.BenchmarkInfo;
import io.striate.benchmark.BenchmarkScore;
import io.striate.model.BrainModel;
import io.striate.problem.FailureKind;
import io.striate.model.Progress;
import io.striate.problem.ScoringException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code FreemanZiemba2013public.V1-pls} as Striate runs it: the public-split benchmark scored on every candidate
 * layer ({@link V1LayerSweep}, Brain-Score's region-to-layer commitment, spec §8.1). The score is the best layer's,
 * {@link BenchmarkScore#layer()} names that layer, and {@code details.sweep} keeps one row per layer
 * ({@code layer, units, projectedComponents, raw, ceiling, ceiled, error}); the scoring service commits the layer
 * as the version's V1 layer unless the submitter pinned one.
 */
final class LayerSelectingBenchmark implements Benchmark {
  private final NeuralPredictivityBenchmark publicBenchmark;
  private final V1LayerSweep sweep;

  LayerSelectingBenchmark(NeuralPredictivityBenchmark publicBenchmark, V1LayerSweep sweep) {
    this.publicBenchmark = publicBenchmark;
    this.sweep = sweep;
  }

  @Override
  public BenchmarkInfo info() {
    return publicBenchmark.info();
  }

  @Override
  public Availability availability() {
    return publicBenchmark.availability();
  }

  @Override
  public BenchmarkScore score(BrainModel model, Progress progress) {
    V1LayerSweep.Result result = sweep.sweep(model, progress);
    if (result.bestLayer() == null) {
      throw new ScoringException(FailureKind.INVALID_MODEL, "the model declares no candidate layers to sweep");
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    V1LayerSweep.LayerResult best = null;
    for (V1LayerSweep.LayerResult r : result.layers()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("layer", r.layer());
      row.put("units", r.units());
      row.put("projectedComponents", r.projectedComponents());
      row.put("raw", finite(r.raw()));
      row.put("ceiling", finite(r.ceiling()));
      row.put("ceiled", finite(r.ceiled()));
      row.put("error", finite(r.error()));
      rows.add(row);
      if (r.layer().equals(result.bestLayer())) {
        best = r;
      }
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("sweep", rows);
    details.put("chosenLayer", result.bestLayer());
    return new BenchmarkScore(best.raw(), best.ceiling(), best.ceiled(), best.error(), best.layer(),
        result.formulaId(), details);
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
