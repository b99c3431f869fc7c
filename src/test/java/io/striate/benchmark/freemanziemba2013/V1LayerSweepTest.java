package io.striate.benchmark.freemanziemba2013;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.striate.benchmark.metrics.CeilingNormalisation;
import io.striate.model.ActivationSink;
import io.striate.model.BrainModel;
import io.striate.model.LayerShape;
import io.striate.model.ModelContract;
import io.striate.model.RgbImage;
import io.striate.model.StimulusSet;
import io.striate.model.Progress;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class V1LayerSweepTest {
  /**
   * PLS on the PCA-projected layer vs on the full layer (observed 0.044 lower): the projection keeps the signal
   * subspace but leaves 25 components to fit on a few low-variance fit-set directions, which overfits a little.
   */
  private static final double PROJECTION_TOLERANCE = 0.08;

  @Test
  void picksTheLayerThatCarriesTheNeuralSignalAndProjectsLargeLayers() {
    SyntheticRecordings data = new SyntheticRecordings(140, 6, 1500, 20, 10, 0.8, 21);
    Random rng = new Random(5);
    float[][] noise = new float[data.stimuli][1500];
    for (float[] r : noise) {
      for (int u = 0; u < r.length; u++) {
        r[u] = (float) rng.nextGaussian();
      }
    }
    // fit set for the PCA: 60 other "images" through the same layer (same seed = same read-in map, other latents)
    SyntheticRecordings fitSource = new SyntheticRecordings(60, 6, 1500, 20, 2, 0.8, 21);
    BrainModel model = twoLayerModel(data, noise, fitSource);
    NeuralPredictivityBenchmark pub = FreemanZiemba2013Benchmarks.publicPls(() -> Optional.of(data.set),
        CeilingNormalisation.V2);
    StimulusSet fitImages = SyntheticRecordings.images(ids("fit", 60));

    V1LayerSweep.Result unprojected = new V1LayerSweep(pub, () -> Optional.of(data.set), null, 4.0)
        .sweep(model, Progress.NONE);
    V1LayerSweep.Result projected = new V1LayerSweep(pub, () -> Optional.of(data.set), fitImages, 4.0)
        .sweep(model, Progress.NONE);
    for (V1LayerSweep.Result r : List.of(unprojected, projected)) {
      System.out.println("layer sweep: " + r.layers());
      assertThat(r.bestLayer()).isEqualTo("block1");
      assertThat(r.layers()).extracting(V1LayerSweep.LayerResult::layer).containsExactly("stem", "block1");
      assertThat(r.benchmarkId()).isEqualTo("FreemanZiemba2013public.V1-pls");
    }
    assertThat(projected.layers().get(1).projectedComponents()).isEqualTo(60);
    assertThat(unprojected.layers().get(1).projectedComponents()).isZero();
    assertThat(projected.layers().get(1).raw())
        .isCloseTo(unprojected.layers().get(1).raw(), within(PROJECTION_TOLERANCE));

    // as a benchmark: the best layer's score, its name as the scored layer, and the sweep rows in the details
    var score = new LayerSelectingBenchmark(pub, new V1LayerSweep(pub, () -> Optional.of(data.set), null, 4.0))
        .score(model, Progress.NONE);
    assertThat(score.layer()).isEqualTo("block1");
    assertThat(score.ceiled()).isEqualTo(unprojected.layers().get(1).ceiled());
    @SuppressWarnings("unchecked")
    List<java.util.Map<String, Object>> rows = (List<java.util.Map<String, Object>>) score.details().get("sweep");
    assertThat(rows).extracting(r -> r.get("layer")).containsExactly("stem", "block1");
  }

  private static List<String> ids(String prefix, int n) {
    return java.util.stream.IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
  }

  /** "stem" = noise, "block1" = the synthetic linear read-out layer; fit images answered from fitSource. */
  private static BrainModel twoLayerModel(SyntheticRecordings data, float[][] noise, SyntheticRecordings fitSource) {
    List<String> stimIds = data.set.recordings().stimulusIds();
    return new BrainModel() {
      @Override
      public ModelContract contract() {
        return new ModelContract(64, new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.5f, 0.5f, 0.5f}, 8.0,
            List.of("stem", "block1"), null, 1);
      }

      @Override
      public LayerShape layerShape(String layer) {
        return new LayerShape(1500, 1, 1);
      }

      @Override
      public void activations(StimulusSet stimuli, String layer, int[] units, ActivationSink sink,
                              Progress progress) {
        for (int i = 0; i < stimuli.size(); i++) {
          RgbImage img = stimuli.image(i);
          assertThat(img.width()).isEqualTo(8);
          String id = stimuli.id(i);
          float[] row;
          if (id.startsWith("fit")) {
            int k = Integer.parseInt(id.substring(3));
            row = layer.equals("stem") ? noise[k] : fitSource.layer[k];
          } else {
            int k = stimIds.indexOf(id);
            row = layer.equals("stem") ? noise[k] : data.layer[k];
          }
          sink.accept(i, new float[][] {row.clone()});
        }
      }

      @Override
      public void close() {
      }
    };
  }
}
