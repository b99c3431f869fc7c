package io.striate.model.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * VOneBlock: the fixed V1 front end of VOneNet (Dapello, Marques, Schrimpf, Geiger, Cox &amp; DiCarlo, "Simulating
 * a primary visual cortex at the front of CNNs improves robustness to image perturbations", NeurIPS 2020).
 *
 * <p>A Gabor bank (see {@link GaborFilterBank}) with parameters drawn from empirical V1 distributions
 * ({@link GaborSampling}) feeds {@code S} simple and {@code C} complex cells:
 * <pre>
 *   q0 = G_φ * x,  q1 = G_{φ+π/2} * x               (quadrature pair, stride s, padding ⌊k/2⌋)
 *   simple  = ReLU(q0[:, :S])
 *   complex = sqrt(q0[:, S:]² + q1[:, S:]²) / √2
 *   r = k_exc · [simple, complex]
 *   neuronal noise: r' = ReLU(((r·a + b) + ε·sqrt(ReLU(r·a + b) + 1e-4) − b) / a),  ε ~ N(0, 1)
 * </pre>
 * with VOneNet's constants k = 25, s = 4, k_exc = 25, noise scale a = 0.35, level b = 0.07; with noise off the
 * output is {@code ReLU(r)}. Pixels per degree are {@code inputSize / visualDegrees}; spatial frequencies in
 * cycles/° become cycles/pixel by dividing by it. One child block: the bank of {@code S + 2C} fixed filters
 * ({@code q0} for all cells, {@code q1} only for complex cells). Each cell reads one random input channel, and both
 * filters of a quadrature pair read the same one; VOneNet's {@code GFB.initialize} draws the channels of its
 * {@code q0} and {@code q1} banks separately ({@code torch.randint} in each), so there a complex cell may combine
 * two colour channels. Kernels, cell equations and noise match VOneNet's own {@code VOneBlock} to relative error 0
 * on the committed fixture ({@code tools/block_fixtures.py verify}).
 *
 * <p>Shapes: input {@code (N, 3, H, W)}, output {@code (N, S + C, ⌊(H − 1)/s⌋ + 1, ⌊(W − 1)/s⌋ + 1)} for odd k.
 * The noise draws come from the engine's generator (not the block seed): each forward is one stochastic trial.
 * Which input channel each filter reads is part of the block's structure (from the seed or {@link
 * Builder#optGabors}); saved parameters load into a block built with the same configuration. Version byte 1.
 */
public final class VOneBlock extends AbstractBlock implements TorchStateDict {
  private static final byte VERSION = 1;

  /** VOneNet's noise modes (its 'gaussian' mode is not provided). */
  public enum Noise { NONE, NEURONAL }

  private final int simple;
  private final int complex;
  private final float kExc;
  private final Noise noise;
  private final float noiseScale;
  private final float noiseLevel;
  private final GaborParameters cells;
  private final GaborFilterBank bank;

  private VOneBlock(Builder b, GaborParameters cells) {
    super(VERSION);
    this.simple = b.simpleChannels;
    this.complex = b.complexChannels;
    this.kExc = (float) b.kExc;
    this.noise = b.noise;
    this.noiseScale = (float) b.noiseScale;
    this.noiseLevel = (float) b.noiseLevel;
    this.cells = cells;
    GaborParameters quadrature = cells.slice(simple, simple + complex).shiftPhase(Math.PI / 2);
    this.bank = addChildBlock("gabors", GaborFilterBank.builder().setGabors(cells.concat(quadrature))
        .optInChannels(b.inChannels).optKernelSize(b.kernelSize).optStride(b.stride).build());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The {@code S + C} cells' Gabor parameters (pixels, radians), simple cells first. */
  public GaborParameters cells() {
    return cells;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    bank.initialize(manager, dataType, inputShapes);
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                   PairList<String, Object> params) {
    NDArray q = bank.forward(ps, inputs, training, params).singletonOrThrow();
    // k_exc·ReLU(q) = ReLU(k_exc·q) and k_exc·sqrt(a² + b²)/√2 = sqrt(a² + b²)·(k_exc/√2), for k_exc > 0
    NDArray s = q.get(":, 0:" + simple).mul(kExc).maximum(0f);
    NDArray q0 = q.get(":, " + simple + ":" + (simple + complex));
    NDArray q1 = q.get(":, " + (simple + complex) + ":");
    NDArray c = q0.square().add(q1.square()).sqrt().mul((float) (kExc / Math.sqrt(2)));
    NDArray r = simple == 0 ? c : complex == 0 ? s : NDArrays.concat(new NDList(s, c), 1);
    if (noise == Noise.NEURONAL) {
      NDArray eps = r.getManager().randomNormal(r.getShape()).toDevice(r.getDevice(), false);
      return new NDList(neuronalNoise(r, eps, noiseScale, noiseLevel));
    }
    return new NDList(r); // already ≥ 0: VOneNet's final ReLU is the identity here
  }

  /**
   * VOneNet's neuronal (Poisson-like) noise for a given standard-normal draw {@code eps}:
   * {@code ReLU(((r·a + b) + ε·sqrt(ReLU(r·a + b) + 1e-4) − b) / a)}.
   */
  public static NDArray neuronalNoise(NDArray r, NDArray eps, float scale, float level) {
    NDArray y = r.mul(scale).add(level);
    y = y.add(eps.mul(y.maximum(0f).add(1e-4f).sqrt()));
    return y.sub(level).div(scale).maximum(0f);
  }

  /**
   * PyTorch state dict of VOneNet's {@code VOneBlock}: {@code simple_conv_q0.weight (S+C, 3, k, k)} (simple cells and
   * the complex cells' first quadrature) and {@code simple_conv_q1.weight (S+C, 3, k, k)}, whose last C filters are the
   * complex cells' second quadrature (its first S, unused by VOneNet, are ignored).
   */
  @Override
  public java.util.Map<String, TorchEntry> torchEntries() {
    Parameter w = bank.weightParameter();
    Shape full = w.getArray().getShape();
    Shape gfb = new Shape(simple + complex, full.get(1), full.get(2), full.get(3));
    String layout = "(S+C, 3, k, k) as VOneNet's GFB";
    java.util.Map<String, TorchEntry> out = new java.util.LinkedHashMap<>();
    // each conversion yields the whole bank, whose channel structure the bank adopts (VOneNet draws its own)
    out.put("simple_conv_q0.weight", TorchEntry.parameter(w, layout, java.util.List.of(gfb), a -> bank.adopt(
        complex == 0 ? a : NDArrays.concat(new NDList(a, w.getArray().get((simple + complex) + ":")
            .toType(a.getDataType(), false))))));
    out.put("simple_conv_q1.weight", TorchEntry.parameter(w, layout, java.util.List.of(gfb), a -> bank.adopt(
        NDArrays.concat(new NDList(w.getArray().get("0:" + (simple + complex)).toType(a.getDataType(), false),
            a.get(simple + ":"))))));
    return out;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape q = bank.getOutputShapes(inputShapes)[0];
    return new Shape[] {new Shape(q.get(0), simple + complex, q.get(2), q.get(3))};
  }

  /**
   * Builder with VOneNet's defaults: 256 simple + 256 complex cells, kernel 25, stride 4, k_exc 25, input 224 px
   * over 8°, empirical parameters with sf correlation 0.75 and sf in [0, 9] cycles/°, neuronal noise 0.35/0.07,
   * seed 0.
   */
  public static final class Builder {
    private int simpleChannels = 256;
    private int complexChannels = 256;
    private int inChannels = 3;
    private int kernelSize = 25;
    private int stride = 4;
    private double kExc = 25;
    private int inputSize = 224;
    private double visualDegrees = 8;
    private long seed;
    private GaborSampling.Mode mode = GaborSampling.Mode.EMPIRICAL;
    private double sfCorr = 0.75;
    private double sfMin = 0;
    private double sfMax = 9;
    private Noise noise = Noise.NEURONAL;
    private double noiseScale = 0.35;
    private double noiseLevel = 0.07;
    private GaborParameters explicit;

    public Builder setChannels(int simpleChannels, int complexChannels) {
      this.simpleChannels = simpleChannels;
      this.complexChannels = complexChannels;
      return this;
    }

    public Builder optInChannels(int v) {
      this.inChannels = v;
      return this;
    }

    public Builder optKernelSize(int v) {
      this.kernelSize = v;
      return this;
    }

    public Builder optStride(int v) {
      this.stride = v;
      return this;
    }

    public Builder optKExc(double v) {
      this.kExc = v;
      return this;
    }

    /** Input side in pixels and field of view in degrees (pixels per degree = size / degrees). */
    public Builder optVisualField(int inputSize, double visualDegrees) {
      this.inputSize = inputSize;
      this.visualDegrees = visualDegrees;
      return this;
    }

    public Builder optSeed(long v) {
      this.seed = v;
      return this;
    }

    public Builder optMode(GaborSampling.Mode v) {
      this.mode = v;
      return this;
    }

    public Builder optSfCorr(double v) {
      this.sfCorr = v;
      return this;
    }

    public Builder optSfRange(double min, double max) {
      this.sfMin = min;
      this.sfMax = max;
      return this;
    }

    public Builder optNoise(Noise mode, double scale, double level) {
      this.noise = mode;
      this.noiseScale = scale;
      this.noiseLevel = level;
      return this;
    }

    /** Fixed Gabor parameters ({@code S + C} filters, simple first) instead of a seeded draw. */
    public Builder optGabors(GaborParameters gabors) {
      this.explicit = gabors;
      return this;
    }

    public VOneBlock build() {
      BlockConfigException.require(simpleChannels >= 0 && complexChannels >= 0
          && simpleChannels + complexChannels > 0, "simpleChannels", "need at least one cell", null);
      BlockConfigException.require(inputSize > 0, "inputSize", "must be positive", null);
      BlockConfigException.require(visualDegrees > 0, "visualDegrees", "must be positive", null);
      BlockConfigException.require(kExc > 0, "kExc", "must be positive", "VOneNet uses 25");
      BlockConfigException.require(noise != null, "noise", "missing", "none or neuronal");
      BlockConfigException.require(noise == Noise.NONE || noiseScale > 0, "noiseScale", "must be positive",
          "VOneNet uses 0.35");
      GaborParameters cells = explicit != null ? explicit
          : byChannel(GaborSampling.draw(simpleChannels + complexChannels, seed, mode, sfCorr, sfMin, sfMax,
              inChannels).toPixels(inputSize, visualDegrees), simpleChannels);
      BlockConfigException.require(cells.size() == simpleChannels + complexChannels, "gabor",
          cells.size() + " filters for " + (simpleChannels + complexChannels) + " cells", null);
      return new VOneBlock(this, cells);
    }

    /**
     * Drawn cells ordered by input channel within the simple and within the complex cells (unit order is arbitrary;
     * this lets the filter bank convolve contiguous runs of filters without reordering its output).
     */
    private static GaborParameters byChannel(GaborParameters cells, int simple) {
      Integer[] order = new Integer[cells.size()];
      for (int i = 0; i < order.length; i++) order[i] = i;
      java.util.Comparator<Integer> key = java.util.Comparator.comparingInt(i -> i < simple ? 0 : 1);
      java.util.Arrays.sort(order, key.thenComparingInt(i -> cells.channel()[i]));
      int[] o = new int[order.length];
      for (int i = 0; i < o.length; i++) o[i] = order[i];
      return cells.permute(o);
    }
  }
}
