package io.striate.benchmark.marques2020;

import io.striate.model.ActivationSink;
import io.striate.model.BrainModel;
import io.striate.model.LayerShape;
import io.striate.model.ModelContract;
import io.striate.model.RgbImage;
import io.striate.model.StimulusSet;
import io.striate.model.Progress;
import java.util.ArrayList;
import java.util.List;

/**
 * Small pure-Java {@link BrainModel}s for tests and benchmarks: a Gabor energy model (simple and complex cells at
 * 12 orientations × 2 spatial frequencies on a 5×5 grid of positions around the stimulus centre) and a
 * pixel-identity model. Both take 64 px inputs covering 8° (8 px/deg) with mean = std = 0.5 and resize the placed
 * stimulus with a box filter (the production runtime uses PIL-compatible bilinear resizing instead).
 */
final class TestModels {
  static final int INPUT = 64;
  static final double DEGREES = 8;
  static final int BATCH = 32;

  private TestModels() {
  }

  /** Box-filter resize of channel 0 to {@code size × size}, normalised with mean = std = 0.5. */
  static float[] input(RgbImage image, int size) {
    float[] out = new float[size * size];
    for (int oy = 0; oy < size; oy++) {
      int y0 = (int) Math.floor((double) oy * image.height() / size);
      int y1 = Math.max(y0 + 1, (int) Math.floor((double) (oy + 1) * image.height() / size));
      for (int ox = 0; ox < size; ox++) {
        int x0 = (int) Math.floor((double) ox * image.width() / size);
        int x1 = Math.max(x0 + 1, (int) Math.floor((double) (ox + 1) * image.width() / size));
        double s = 0;
        for (int y = y0; y < y1; y++) {
          for (int x = x0; x < x1; x++) {
            s += image.rgb()[(y * image.width() + x) * 3] & 0xFF;
          }
        }
        double v = s / ((y1 - y0) * (x1 - x0)) / 255.0;
        out[oy * size + ox] = (float) ((v - 0.5) / 0.5);
      }
    }
    return out;
  }

  /** Shared batching: computes {@code unit → response} per image and streams rows. */
  abstract static class Base implements BrainModel {
    final ModelContract contract = new ModelContract(INPUT, new float[] {0.5f, 0.5f, 0.5f},
        new float[] {0.5f, 0.5f, 0.5f}, DEGREES, List.of("v1"), "v1", 1);

    @Override
    public ModelContract contract() {
      return contract;
    }

    abstract float response(float[] image, int unit);

    @Override
    public void activations(StimulusSet stimuli, String layer, int[] units, ActivationSink sink,
                            Progress progress) {
      int n = units == null ? layerShape(layer).units() : units.length;
      for (int first = 0; first < stimuli.size(); first += BATCH) {
        int b = Math.min(BATCH, stimuli.size() - first);
        float[][] rows = new float[b][n];
        for (int i = 0; i < b; i++) {
          float[] img = input(stimuli.image(first + i), INPUT);
          for (int u = 0; u < n; u++) {
            rows[i][u] = response(img, units == null ? u : units[u]);
          }
        }
        sink.accept(first, rows);
        progress.report("forward", (double) (first + b) / stimuli.size());
      }
    }

    @Override
    public void close() {
    }
  }

  /** The normalised pixels themselves: layer shape (1, 64, 64). */
  static final class Pixels extends Base {
    @Override
    public LayerShape layerShape(String layer) {
      return new LayerShape(1, INPUT, INPUT);
    }

    @Override
    float response(float[] image, int unit) {
      return image[unit];
    }
  }

  /**
   * Gabor energy model. Channel c = (orientation o, sf s, type t) with t fastest: t = 0 a half-wave rectified even
   * (simple) cell, t = 1 the quadrature energy (complex) cell; σ = 0.45/sf degrees. Units sit at degrees
   * {@code −0.5 + 0.5·i}, i = 0…4, in y and x, so the centre unit (2, 2) is at the stimulus position (0.5°, 0.5°).
   */
  static final class Gabor extends Base {
    static final double[] ORIENTATIONS = {0, 15, 30, 45, 60, 75, 90, 105, 120, 135, 150, 165};
    static final double[] SF = {1.0, 2.0};
    static final int GRID = 5;
    private final List<int[]> index = new ArrayList<>();
    private final List<float[]> even = new ArrayList<>();
    private final List<float[]> odd = new ArrayList<>();

    Gabor() {
      double ppd = INPUT / DEGREES;
      for (double o : ORIENTATIONS) {
        for (double sf : SF) {
          for (int gy = 0; gy < GRID; gy++) {
            for (int gx = 0; gx < GRID; gx++) {
              double cy = -0.5 + 0.5 * gy;
              double cx = -0.5 + 0.5 * gx;
              double sigma = 0.45 / sf;
              double th = Math.toRadians(o);
              List<Integer> px = new ArrayList<>();
              List<Float> ev = new ArrayList<>();
              List<Float> od = new ArrayList<>();
              for (int y = 0; y < INPUT; y++) {
                for (int x = 0; x < INPUT; x++) {
                  double dy = (y + 0.5) / ppd - DEGREES / 2 - cy;
                  double dx = (x + 0.5) / ppd - DEGREES / 2 - cx;
                  double r2 = dx * dx + dy * dy;
                  if (r2 > 6.25 * sigma * sigma) {
                    continue;
                  }
                  double env = Math.exp(-r2 / (2 * sigma * sigma)) / (ppd * ppd);
                  double arg = 2 * Math.PI * sf * (dx * Math.cos(th) + dy * Math.sin(th));
                  px.add(y * INPUT + x);
                  ev.add((float) (env * Math.cos(arg)));
                  od.add((float) (env * Math.sin(arg)));
                }
              }
              index.add(px.stream().mapToInt(Integer::intValue).toArray());
              float[] e = new float[ev.size()];
              float[] d = new float[od.size()];
              for (int k = 0; k < e.length; k++) {
                e[k] = ev.get(k);
                d[k] = od.get(k);
              }
              even.add(e);
              odd.add(d);
            }
          }
        }
      }
    }

    @Override
    public LayerShape layerShape(String layer) {
      return new LayerShape(ORIENTATIONS.length * SF.length * 2, GRID, GRID);
    }

    @Override
    float response(float[] image, int unit) {
      int cells = GRID * GRID;
      int channel = unit / cells;
      int cell = unit % cells;
      int filter = (channel / 2) * cells + cell;
      int[] px = index.get(filter);
      float[] e = even.get(filter);
      float[] d = odd.get(filter);
      double se = 0;
      double so = 0;
      for (int k = 0; k < px.length; k++) {
        se += e[k] * image[px[k]];
        so += d[k] * image[px[k]];
      }
      return (float) (channel % 2 == 0 ? Math.max(se, 0) : Math.sqrt(se * se + so * so));
    }
  }
}
