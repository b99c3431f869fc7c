package io.striate.model.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Spatial divisive normalization with oriented Gaussian pools (Cirincione et al. 2022, "Implementing divisive
 * normalization in CNNs improves robustness to common image corruptions", openreview.net KAAbo44qhJV), as
 * Pogoncheff, Granley &amp; Beyeler (NeurIPS 2023) implement it for comparison
 * ({@code DivisiveNormalizationCirincione} in gpogoncheff/explaining_v1). For every pair (output o, input c) a
 * learnable oriented Gaussian on the {@code K × K} grid (coordinates x = column + 1, y = row + 1):
 * <pre>
 *   x' = x cos θ + y sin θ,   y' = −x sin θ + y cos θ
 *   G  = |A / max(2π ρ σ, 0.1)| · exp(−½ ((x' − v)² / max(ρ², 0.1) + (y' − w)² / max(σ², 0.1)))
 *   y  = x / (conv2d(x, G, padding ⌊K/2⌋) + |b|)
 * </pre>
 * Learnable {@code A, rho, sigma, theta, v, w (C, C, 1, 1)} and {@code bias (1)}, seeded initialisation as in the
 * reference: U(0,1), U+1, U+1, 2π·U, N+⌊K/2⌋, N+⌊K/2⌋, U+1. Shapes: input and output {@code (N, C, H, W)}.
 * Version byte 1.
 */
public final class DivisiveNormalization extends AbstractBlock implements TorchStateDict {
  private static final byte VERSION = 1;

  private final int kernelSize;
  private final Parameter a;
  private final Parameter rho;
  private final Parameter sigma;
  private final Parameter theta;
  private final Parameter v;
  private final Parameter w;
  private final Parameter bias;

  private DivisiveNormalization(Builder b) {
    super(VERSION);
    this.kernelSize = b.kernelSize;
    double centre = kernelSize / 2;
    long s = b.seed;
    a = addParameter(FixedArrays.learnable("A", Parameter.Type.WEIGHT, s, FixedArrays::uniform));
    rho = addParameter(FixedArrays.learnable("rho", Parameter.Type.WEIGHT, s + 1, r -> FixedArrays.uniform(r) + 1));
    sigma = addParameter(FixedArrays.learnable("sigma", Parameter.Type.WEIGHT, s + 2,
        r -> FixedArrays.uniform(r) + 1));
    theta = addParameter(FixedArrays.learnable("theta", Parameter.Type.WEIGHT, s + 3,
        r -> 2 * Math.PI * FixedArrays.uniform(r)));
    v = addParameter(FixedArrays.learnable("v", Parameter.Type.WEIGHT, s + 4, r -> FixedArrays.normal(r) + centre));
    w = addParameter(FixedArrays.learnable("w", Parameter.Type.WEIGHT, s + 5, r -> FixedArrays.normal(r) + centre));
    bias = addParameter(FixedArrays.learnable("bias", Parameter.Type.BIAS, s + 6, r -> FixedArrays.uniform(r) + 1));
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected void prepare(Shape[] inputShapes) {
    long c = inputShapes[0].get(1);
    Shape shape = new Shape(c, c, 1, 1);
    for (Parameter p : new Parameter[] {a, rho, sigma, theta, v, w}) p.setShape(shape);
    bias.setShape(new Shape(1));
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                   PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    int k = kernelSize;
    NDArray xc = coords(x.getManager(), true).toDevice(x.getDevice(), false);
    NDArray yc = coords(x.getManager(), false).toDevice(x.getDevice(), false);
    NDArray th = value(ps, theta, x, training);
    NDArray cos = th.cos();
    NDArray sin = th.sin();
    NDArray r = value(ps, rho, x, training);
    NDArray s = value(ps, sigma, x, training);
    NDArray xr = xc.mul(cos).add(yc.mul(sin));
    NDArray yr = xc.neg().mul(sin).add(yc.mul(cos));
    NDArray q = xr.sub(value(ps, v, x, training)).square().div(r.square().maximum(0.1f))
        .add(yr.sub(value(ps, w, x, training)).square().div(s.square().maximum(0.1f)));
    NDArray amplitude = value(ps, a, x, training).div(r.mul(s).mul((float) (2 * Math.PI)).maximum(0.1f)).abs();
    NDArray g = amplitude.mul(q.mul(-0.5f).exp());
    NDArray pool = Conv2d.conv2d(x, g, null, new Shape(1, 1), new Shape(k / 2, k / 2)).singletonOrThrow();
    return new NDList(x.div(pool.add(value(ps, bias, x, training).abs())));
  }

  /** The reference's {@code x_coords} (column index + 1) or {@code y_coords} (row index + 1), {@code (k, k)}. */
  private NDArray coords(ai.djl.ndarray.NDManager manager, boolean x) {
    int k = kernelSize;
    float[] c = new float[k * k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) c[i * k + j] = x ? j + 1 : i + 1;
    }
    return manager.create(c, new Shape(k, k));
  }

  @Override
  public java.util.Map<String, TorchEntry> torchEntries() {
    java.util.Map<String, TorchEntry> out = new java.util.LinkedHashMap<>();
    String cc = "(C, C, 1, 1)";
    out.put("A", TorchEntry.parameter(a, cc));
    out.put("rho", TorchEntry.parameter(rho, cc));
    out.put("sigma", TorchEntry.parameter(sigma, cc));
    out.put("theta", TorchEntry.parameter(theta, cc));
    out.put("v", TorchEntry.parameter(v, cc));
    out.put("w", TorchEntry.parameter(w, cc));
    out.put("bias", TorchEntry.parameter(bias, "(1)"));
    Shape kk = new Shape(kernelSize, kernelSize);
    out.put("x_coords", TorchEntry.derived(kk, "(k, k) column index + 1", m -> coords(m, true),
        TorchEntry.FLOAT32_TOLERANCE));
    out.put("y_coords", TorchEntry.derived(kk, "(k, k) row index + 1", m -> coords(m, false),
        TorchEntry.FLOAT32_TOLERANCE));
    return out;
  }

  private static NDArray value(ParameterStore ps, Parameter p, NDArray x, boolean training) {
    return ps.getValue(p, x.getDevice(), training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  /** Builder: pool size 3 (the paper's composite), seed 0; channels come from the input. */
  public static final class Builder {
    private int kernelSize = 3;
    private long seed;

    public Builder optKernelSize(int v) {
      this.kernelSize = v;
      return this;
    }

    public Builder optSeed(long v) {
      this.seed = v;
      return this;
    }

    public DivisiveNormalization build() {
      BlockConfigException.require(kernelSize > 0 && kernelSize % 2 == 1 && kernelSize <= 31, "kernelSize",
          "must be odd, 1 … 31", "the paper uses 3");
      return new DivisiveNormalization(this);
    }
  }
}
