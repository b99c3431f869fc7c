package io.striate.model.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * Cortical magnification: log-polar (foveated) pooling of a feature map, the polar transform of Pogoncheff,
 * Granley &amp; Beyeler, NeurIPS 2023 ({@code PolarTransform} in gpogoncheff/explaining_v1).
 *
 * <p>Pixel (r, c) of an {@code H × W} map has, about the centre ({@code ⌊H/2⌋, ⌊W/2⌋}), x = c − ⌊W/2⌋,
 * y = ⌊H/2⌋ − r, radius ρ = √(x² + y²) and angle α = atan2(y, x) (+2π when y &lt; 0). Bin (i, j) averages the
 * pixels with {@code radius[i] ≤ ρ < radius[i+1]} and {@code angle[j] ≤ α < angle[j+1]}. Finely divided inner
 * rings leave bins without pixels: with interpolation on, for each ring whose inner radius lies within the
 * image, the non-empty masks of the ring are resampled (1-D {@code linear} or {@code nearest}, as
 * {@code F.interpolate}) onto the ring's angle count before averaging. The {@code R × A} map is padded by one
 * column on each side along the angle axis with reflection, then resized bilinearly (align_corners = false, no
 * antialiasing, as {@code F.interpolate}) to {@code outH × outW}. The reference resizes with torchvision's
 * {@code transforms.Resize(BILINEAR)}, which on tensors does not antialias before torchvision 0.17 and does from
 * 0.17 on; its requirements pin no version. The difference only shows when the map shrinks (the paper's padded
 * 18 × 32 polar map → 16 × 16 shrinks both axes), and this block follows the pre-0.17 behaviour.
 *
 * <p>The whole transform is linear, so it is precomputed (double precision) as one fixed matrix
 * {@code pooling (H·W, outH·outW)} ({@code requiresGrad=false}) and applied as a single matmul. The reference keeps
 * its masks and their counts in float16 ({@code .half()}); this block keeps them exact unless
 * {@link Builder#optFloat16Masks} asks for the seed-exact rounding ({@code m ← fp16(m)}, {@code count ←
 * fp16(Σ m)} before the division). Brain-Score's plugin of the paper's model ({@code LPP49} in
 * brainscore_vision/models/resnet50_primary_visual_cortex) also reflect-pads the radius axis by one row on each side
 * before the resize: {@link Builder#optReflectRadius}.
 *
 * <p>PyTorch state dict: the reference's buffers {@code pooling_masks (R·A, H, W)} and {@code pooling_mask_counts
 * (R·A)} (float16 or float32) are accepted and checked against the masks this block derives.
 *
 * <p>Shapes: input {@code (N, C, H, W)}, output {@code (N, C, outH, outW)}. Version byte 1.
 */
public final class CorticalMagnification extends AbstractBlock implements TorchStateDict {
  private static final byte VERSION = 1;

  /** How empty bins are filled. */
  public enum Interpolation { NONE, LINEAR, NEAREST }

  private final double[] radiusBins;
  private final double[] angleBins;
  private final int outH;
  private final int outW;
  private final Interpolation interpolation;
  private final boolean float16Masks;
  private final boolean reflectRadius;
  private final Parameter pooling;
  private int inH;
  private int inW;

  private CorticalMagnification(Builder b) {
    super(VERSION);
    this.radiusBins = b.radiusBins.clone();
    this.angleBins = b.angleBins.clone();
    this.outH = b.outH;
    this.outW = b.outW;
    this.interpolation = b.interpolation;
    this.float16Masks = b.float16Masks;
    this.reflectRadius = b.reflectRadius;
    this.pooling = addParameter(FixedArrays.fixed("pooling", (m, shape, dt) -> {
      int h = Math.toIntExact(inputShapes[0].get(2));
      int w = Math.toIntExact(inputShapes[0].get(3));
      return FixedArrays.create(m, matrix(h, w), shape, dt);
    }));
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected void prepare(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    inH = Math.toIntExact(in.get(2));
    inW = Math.toIntExact(in.get(3));
    pooling.setShape(new Shape(in.get(2) * in.get(3), (long) outH * outW));
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                   PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    Shape s = x.getShape();
    NDArray p = ps.getValue(pooling, x.getDevice(), training);
    NDArray y = x.reshape(s.get(0) * s.get(1), s.get(2) * s.get(3)).matMul(p);
    return new NDList(y.reshape(s.get(0), s.get(1), outH, outW));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    return new Shape[] {new Shape(in.get(0), in.get(1), outH, outW)};
  }

  /** The transform as a matrix {@code (H·W, outH·outW)}, row-major. */
  double[] matrix(int h, int w) {
    int nr = radiusBins.length - 1;
    int na = angleBins.length - 1;
    double[][] masks = masks(h, w);
    double[] counts = counts(masks);
    // pooled bin b = Σ_p masks[b][p] x[p] / count[b]
    for (int b = 0; b < masks.length; b++) {
      double[] mask = masks[b];
      for (int p = 0; p < mask.length; p++) mask[p] = stored(mask[p]) / counts[b];
    }
    int pw = na + 2;
    int ph = reflectRadius ? nr + 2 : nr;
    double[][] wy = bilinear(ph, outH);
    double[][] wx = bilinear(pw, outW);
    double[] t = new double[h * w * outH * outW];
    for (int i = 0; i < outH; i++) {
      for (int j = 0; j < outW; j++) {
        int o = i * outW + j;
        for (int pr = 0; pr < ph; pr++) {
          if (wy[i][pr] == 0) continue;
          // reflect padding along radii (LPP49 only)
          int r = !reflectRadius ? pr : pr == 0 ? 1 : pr == ph - 1 ? nr - 2 : pr - 1;
          for (int a = 0; a < pw; a++) {
            double weight = wy[i][pr] * wx[j][a];
            if (weight == 0) continue;
            int source = a == 0 ? 1 : a == pw - 1 ? na - 2 : a - 1; // reflect padding along angles
            double[] mask = masks[r * na + source];
            for (int p = 0; p < mask.length; p++) {
              if (mask[p] != 0) t[p * outH * outW + o] += weight * mask[p];
            }
          }
        }
      }
    }
    return t;
  }

  /** Pixel count of each bin (Σ of its mask, float32 as torch; empty bins count 1), fp16-rounded when asked. */
  private double[] counts(double[][] masks) {
    double[] counts = new double[masks.length];
    for (int b = 0; b < masks.length; b++) {
      float count = 0;
      for (double v : masks[b]) count += (float) v;
      if (count == 0) count = 1;
      counts[b] = stored(count);
    }
    return counts;
  }

  /** A mask value as the reference stores it: fp16 with {@code float16Masks}, else exact. */
  private double stored(double v) {
    return float16Masks ? toFloat16(v) : v;
  }

  /** Rounds to the nearest IEEE half-precision value (ties to even), as {@code tensor.half()}; no overflow here. */
  static double toFloat16(double v) {
    float f = (float) v;
    if (f == 0 || Float.isNaN(f) || Float.isInfinite(f)) return f;
    int exponent = Math.max(Math.getExponent(f), -14); // below 2⁻¹⁴ half precision is subnormal: fixed spacing
    double ulp = Math.scalb(1.0, exponent - 10);
    return Math.rint(f / ulp) * ulp;
  }

  @Override
  public java.util.Map<String, TorchEntry> torchEntries() {
    int bins = (radiusBins.length - 1) * (angleBins.length - 1);
    java.util.Map<String, TorchEntry> out = new java.util.LinkedHashMap<>();
    out.put("pooling_masks", TorchEntry.derived(new Shape(bins, inH, inW), "(R·A, H, W) pooling masks", m -> {
      double[][] masks = masks(inH, inW);
      float[] flat = new float[bins * inH * inW];
      for (int b = 0; b < bins; b++) {
        for (int p = 0; p < inH * inW; p++) flat[b * inH * inW + p] = (float) stored(masks[b][p]);
      }
      return m.create(flat, new Shape(bins, inH, inW));
    }, TorchEntry.FLOAT16_TOLERANCE));
    out.put("pooling_mask_counts", TorchEntry.derived(new Shape(bins), "(R·A) pixels per bin", m -> {
      double[] c = counts(masks(inH, inW));
      float[] f = new float[c.length];
      for (int i = 0; i < f.length; i++) f[i] = (float) c[i];
      return m.create(f, new Shape(bins));
    }, TorchEntry.FLOAT16_TOLERANCE));
    return out;
  }

  /** Bin masks {@code (R·A, H·W)}, interpolated where configured. Membership is tested in float32, as torch. */
  double[][] masks(int h, int w) {
    int nr = radiusBins.length - 1;
    int na = angleBins.length - 1;
    int ch = h / 2;
    int cw = w / 2;
    float[] dist = new float[h * w];
    float[] ang = new float[h * w];
    for (int r = 0; r < h; r++) {
      for (int c = 0; c < w; c++) {
        int x = c - cw;
        int y = ch - r;
        dist[r * w + c] = (float) Math.sqrt(x * x + y * y);
        float a = (float) Math.atan2(y, x);
        if (y < 0) a += (float) (2 * Math.PI);
        ang[r * w + c] = a;
      }
    }
    double[][] masks = new double[nr * na][h * w];
    for (int i = 0; i < nr; i++) {
      for (int j = 0; j < na; j++) {
        for (int p = 0; p < h * w; p++) {
          if (dist[p] >= (float) radiusBins[i] && dist[p] < (float) radiusBins[i + 1]
              && ang[p] >= (float) angleBins[j] && ang[p] < (float) angleBins[j + 1]) {
            masks[i * na + j][p] = 1;
          }
        }
      }
    }
    if (interpolation == Interpolation.NONE) return masks;
    int edge = Math.min(ch, cw);
    for (int i = 0; i < nr; i++) {
      if (radiusBins[i] > edge) continue;
      List<double[]> nonEmpty = new ArrayList<>();
      for (int j = 0; j < na; j++) {
        double sum = 0;
        for (double v : masks[i * na + j]) sum += v;
        if (sum > 0) nonEmpty.add(masks[i * na + j]);
      }
      if (nonEmpty.isEmpty()) continue;
      int n = nonEmpty.size();
      double[][] ring = new double[na][];
      for (int j = 0; j < na; j++) {
        double[] m = new double[h * w];
        if (interpolation == Interpolation.NEAREST) {
          int src = Math.min((int) Math.floor(j * (float) ((double) n / na)), n - 1);
          System.arraycopy(nonEmpty.get(src), 0, m, 0, m.length);
        } else {
          double[] wts = linearWeights(n, na, j);
          int i0 = (int) wts[0];
          int i1 = (int) wts[1];
          for (int p = 0; p < m.length; p++) m[p] = wts[2] * nonEmpty.get(i0)[p] + wts[3] * nonEmpty.get(i1)[p];
        }
        ring[j] = m;
      }
      for (int j = 0; j < na; j++) masks[i * na + j] = ring[j];
    }
    return masks;
  }

  /** Source indices and weights {i0, i1, λ0, λ1} of output {@code dst} for linear resampling n → m. */
  private static double[] linearWeights(int n, int m, int dst) {
    double scale = (double) n / m;
    double src = Math.max(scale * (dst + 0.5) - 0.5, 0);
    int i0 = Math.min((int) src, n - 1);
    int i1 = i0 < n - 1 ? i0 + 1 : i0;
    double l1 = src - i0;
    return new double[] {i0, i1, 1 - l1, l1};
  }

  /** Row i: weights over the n sources of output i, bilinear with align_corners = false. */
  private static double[][] bilinear(int n, int m) {
    double[][] wts = new double[m][n];
    for (int i = 0; i < m; i++) {
      double[] l = linearWeights(n, m, i);
      wts[i][(int) l[0]] += l[2];
      wts[i][(int) l[1]] += l[3];
    }
    return wts;
  }

  /**
   * Builder: {@code setRadiusBins}, {@code setAngleBins} (or {@code setAngleCount}) and {@code setOutputSize}
   * required; linear interpolation of empty bins by default (the paper's setting).
   */
  public static final class Builder {
    private double[] radiusBins;
    private double[] angleBins;
    private int outH;
    private int outW;
    private Interpolation interpolation = Interpolation.LINEAR;
    private boolean float16Masks;
    private boolean reflectRadius;

    /** Round masks and counts to float16 as the reference does ({@code .half()}): seed-exact outputs. */
    public Builder optFloat16Masks(boolean v) {
      this.float16Masks = v;
      return this;
    }

    /** Also reflect-pad the radius axis before the resize, as Brain-Score's {@code LPP49}. */
    public Builder optReflectRadius(boolean v) {
      this.reflectRadius = v;
      return this;
    }

    /** Increasing ring edges in pixels, e.g. 0, 1, 2, …, 12, 13, 14, 16, 18, 20, 23. */
    public Builder setRadiusBins(double... v) {
      this.radiusBins = v;
      return this;
    }

    /** Increasing angle edges in radians within [0, 2π]. */
    public Builder setAngleBins(double... v) {
      this.angleBins = v;
      return this;
    }

    /** {@code n} equal angle bins: edges {@code linspace(0, 2π, n + 1)}. */
    public Builder setAngleCount(int n) {
      BlockConfigException.require(n >= 2, "angles", "need at least 2 angle bins", null);
      double[] e = new double[n + 1];
      for (int i = 0; i <= n; i++) e[i] = 2 * Math.PI * i / n;
      this.angleBins = e;
      return this;
    }

    public Builder setOutputSize(int height, int width) {
      this.outH = height;
      this.outW = width;
      return this;
    }

    public Builder optInterpolation(Interpolation v) {
      this.interpolation = v;
      return this;
    }

    public CorticalMagnification build() {
      BlockConfigException.require(radiusBins != null && radiusBins.length >= 2, "radiusBins",
          "need at least two edges", null);
      BlockConfigException.require(angleBins != null && angleBins.length >= 3, "angleBins",
          "need at least two bins (reflect padding)", null);
      BlockConfigException.require(increasing(radiusBins) && radiusBins[0] >= 0, "radiusBins",
          "must be non-negative and increasing", null);
      BlockConfigException.require(increasing(angleBins), "angleBins", "must be increasing", null);
      BlockConfigException.require(!reflectRadius || radiusBins.length >= 3, "radiusPadding",
          "reflect padding needs at least two rings", null);
      BlockConfigException.require(outH > 0 && outW > 0 && outH <= 1024 && outW <= 1024, "outputSize",
          "must lie in 1 … 1024", null);
      BlockConfigException.require(interpolation != null, "interpolation", "missing", "none, linear or nearest");
      return new CorticalMagnification(this);
    }

    private static boolean increasing(double[] v) {
      for (int i = 1; i < v.length; i++) if (v[i] <= v[i - 1]) return false;
      return true;
    }
  }
}
