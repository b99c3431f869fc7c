package io.striate.benchmark.marques2020;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Freeman, Ziemba et al. 2013 texture properties on the model side (spec §4.7): rates sorted by (type, family,
 * sample) as {@code (2 [0 = noise, 1 = texture], 15, 15)}. Variance-stabilised counts {@code √(r/10) + √(r/10+1)}
 * use the rate before baseline subtraction; {@code R = rate − baseline} is not rectified. Threshold max R &gt; 5.
 */
public final class TextureProperties {
  public static final int TYPES = 2;
  public static final int FAMILIES = 15;
  public static final int SAMPLES = 15;

  private TextureProperties() {
  }

  public static PropertyTable freemanZiemba2013(double[][] rates, double[] baseline, int[] unitIds) {
    String[] names = {"texture_modulation_index", "absolute_texture_modulation_index", "texture_selectivity",
        "noise_selectivity", "texture_sparseness", "noise_sparseness", "variance_ratio", "max_texture",
        "max_noise"};
    List<Integer> units = new ArrayList<>();
    List<double[]> rows = new ArrayList<>();
    int per = FAMILIES * SAMPLES;
    for (int u = 0; u < rates.length; u++) {
      double[] r = rates[u];
      double[][] stabilised = new double[FAMILIES][SAMPLES];
      double[] noise = new double[per];
      double[] texture = new double[per];
      double maxAll = Double.NEGATIVE_INFINITY;
      double maxNoise = Double.NEGATIVE_INFINITY;
      double maxTexture = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < per; i++) {
        double spikes = r[per + i] / 10;
        stabilised[i / SAMPLES][i % SAMPLES] = Math.sqrt(spikes) + Math.sqrt(spikes + 1);
        noise[i] = r[i] - baseline[u];
        texture[i] = r[per + i] - baseline[u];
        maxNoise = Math.max(maxNoise, noise[i]);
        maxTexture = Math.max(maxTexture, texture[i]);
      }
      maxAll = Math.max(maxNoise, maxTexture);
      if (!(maxAll > FiringRateMap.RESPONSE_THRESHOLD)) {
        continue;
      }
      double[] noiseFamily = new double[FAMILIES];
      double[] textureFamily = new double[FAMILIES];
      for (int f = 0; f < FAMILIES; f++) {
        noiseFamily[f] = PhaseResponses.dc(noise, f * SAMPLES, SAMPLES);
        textureFamily[f] = PhaseResponses.dc(texture, f * SAMPLES, SAMPLES);
      }
      double tmi = TextureStatistics.textureModulationIndex(noiseFamily, textureFamily);
      units.add(unitIds[u]);
      rows.add(new double[] {tmi, Math.abs(tmi), TextureStatistics.sparseness(textureFamily),
          TextureStatistics.sparseness(noiseFamily), TextureStatistics.sparseness(texture),
          TextureStatistics.sparseness(noise), TextureStatistics.varianceRatio(stabilised), maxTexture, maxNoise});
    }
    Map<String, double[]> cols = new HashMap<>();
    for (int k = 0; k < names.length; k++) {
      double[] c = new double[rows.size()];
      for (int i = 0; i < c.length; i++) {
        c[i] = rows.get(i)[k];
      }
      cols.put(names[k], c);
    }
    return new PropertyTable(units.stream().mapToInt(Integer::intValue).toArray(), cols);
  }
}
