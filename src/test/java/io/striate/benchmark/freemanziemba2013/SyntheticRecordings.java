package io.striate.benchmark.freemanziemba2013;

import io.striate.dataset.NeuralRecordings;
import io.striate.dataset.RecordingSet;
import io.striate.model.ActivationSink;
import io.striate.model.BrainModel;
import io.striate.model.LayerShape;
import io.striate.model.ModelContract;
import io.striate.model.RgbImage;
import io.striate.model.StimulusSet;
import io.striate.model.Progress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Test-only synthetic recordings with a known ground truth (never shipped as data): a latent feature map
 * {@code Z} ({@code stimuli × latent}), a model layer {@code F = Z·A + small unit noise} ({@code stimuli × units}),
 * neural signal {@code S = Z·W} with unit variance per neuroid, and presentations {@code S + N(0, σ²)} for
 * {@code repetitions} repetitions. The reliability of the repetition mean is then
 * {@code ρ = 1/(1 + σ²/repetitions)}, which the split-half Spearman–Brown ceiling estimates, and a model whose
 * features are the noise-free signal predicts the repetition means with {@code r = √ρ}.
 */
final class SyntheticRecordings {
  final int stimuli;
  final int repetitions;
  final double noiseSd;
  final double[][] signal;     // stimuli × neuroids
  final float[][] layer;       // stimuli × units
  final RecordingSet set;

  SyntheticRecordings(int stimuli, int latent, int units, int neuroids, int repetitions, double reliability,
                      long seed) {
    this.stimuli = stimuli;
    this.repetitions = repetitions;
    this.noiseSd = Math.sqrt(repetitions * (1 / reliability - 1));
    Random rng = new Random(seed);
    double[][] z = gaussian(rng, stimuli, latent);
    double[][] w = gaussian(rng, latent, neuroids);
    double[][] a = gaussian(new Random(seed * 31 + 1), latent, units);  // the layer's read-in, shared per seed
    signal = new double[stimuli][neuroids];
    layer = new float[stimuli][units];
    for (int s = 0; s < stimuli; s++) {
      for (int k = 0; k < latent; k++) {
        for (int j = 0; j < neuroids; j++) {
          signal[s][j] += z[s][k] * w[k][j] / Math.sqrt(latent);
        }
        for (int u = 0; u < units; u++) {
          layer[s][u] += (float) (z[s][k] * a[k][u]);
        }
      }
      for (int u = 0; u < units; u++) {
        layer[s][u] += (float) (0.05 * rng.nextGaussian()) + 1f;
      }
    }
    int p = stimuli * repetitions;
    double[][] responses = new double[p][neuroids];
    int[] stim = new int[p];
    int[] rep = new int[p];
    for (int r = 0; r < repetitions; r++) {
      for (int s = 0; s < stimuli; s++) {
        int i = r * stimuli + s;
        stim[i] = s;
        rep[i] = r;
        for (int j = 0; j < neuroids; j++) {
          responses[i][j] = signal[s][j] + noiseSd * rng.nextGaussian();
        }
      }
    }
    List<String> ids = new ArrayList<>();
    List<String> type = new ArrayList<>();
    for (int s = 0; s < stimuli; s++) {
      ids.add("stim" + s);
      type.add(s % 2 == 0 ? "texture" : "noise");
    }
    List<String> neuroidIds = new ArrayList<>();
    for (int j = 0; j < neuroids; j++) {
      neuroidIds.add("n" + j);
    }
    NeuralRecordings rec = new NeuralRecordings("synthetic", "V1", "50-200", ids, Map.of("texture_type", type),
        neuroidIds, stim, rep, responses);
    set = new RecordingSet(rec, images(ids), 4.0);
  }

  /** The reliability of the repetition mean implied by the noise level. */
  double reliability() {
    return 1 / (1 + noiseSd * noiseSd / repetitions);
  }

  static double[][] gaussian(Random rng, int rows, int cols) {
    double[][] m = new double[rows][cols];
    for (double[] r : m) {
      for (int j = 0; j < cols; j++) {
        r[j] = rng.nextGaussian();
      }
    }
    return m;
  }

  static StimulusSet images(List<String> ids) {
    return new StimulusSet() {
      @Override
      public int size() {
        return ids.size();
      }

      @Override
      public String id(int index) {
        return ids.get(index);
      }

      @Override
      public RgbImage image(int index) {
        return new RgbImage(4, 4, new byte[48]);
      }
    };
  }

  /** A model that answers each stimulus id with a fixed feature row, on an 8° field of view. */
  static BrainModel model(List<String> ids, float[][] features, String layerName) {
    Map<String, float[]> byId = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      byId.put(ids.get(i), features[i]);
    }
    int units = features[0].length;
    return new BrainModel() {
      @Override
      public ModelContract contract() {
        return new ModelContract(64, new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.5f, 0.5f, 0.5f}, 8.0,
            List.of(layerName), null, 1);
      }

      @Override
      public LayerShape layerShape(String layer) {
        return new LayerShape(units, 1, 1);
      }

      @Override
      public void activations(StimulusSet stimuli, String layer, int[] unitIdx, ActivationSink sink,
                              Progress progress) {
        for (int i = 0; i < stimuli.size(); i++) {
          RgbImage img = stimuli.image(i);
          if (img.width() != 8) {
            throw new AssertionError("4° image not placed on the 8° field of view: " + img.width());
          }
          sink.accept(i, new float[][] {byId.get(stimuli.id(i)).clone()});
        }
      }

      @Override
      public void close() {
      }
    };
  }
}
