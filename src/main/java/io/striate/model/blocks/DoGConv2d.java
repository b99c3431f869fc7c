package io.striate.model.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Centre–surround antagonism: a difference-of-Gaussians convolution on the first {@code D} channels, the other
 * channels passed through unchanged (Pogoncheff, Granley &amp; Beyeler, "Explaining V1 properties with a
 * biologically constrained deep learning architecture", NeurIPS 2023; {@code DoGConv2DLayer} in
 * gpogoncheff/explaining_v1).
 *
 * <p>For each of the {@code M} kernels (M = D·D for a full convolution, M = D when depthwise), with squared
 * distance d² from the kernel centre, kernel side {@code 2k + 1}:
 * <pre>
 *   σ1 = max(sigma1, 0.1),  σ2 = σ1 · max(sigma2_scale, 1 + 1e-4)
 *   K  = total_scale · ( (σ1/π) exp(−d²/σ1) − (σ2/π) exp(−d²/max(σ2, 1e-6)) )
 *   K ← K / max(‖K[:, i, j]‖₂, 1e-12)      (L2 normalisation across the M kernels at each tap, as published)
 *   y  = [conv2d(x[:, :D], K, bias, stride 1, padding k),  x[:, D:]]
 * </pre>
 * The σ/π factors are as written in the reference code ({@code 1/torch.pi*sigma}). Learnable parameters:
 * {@code sigma1 (M,1,1)} centre width, {@code sigma2_scale (M,1,1)} surround/centre ratio, {@code total_scale
 * (M,1,1)} gain and optional {@code bias (D)}, initialised (seeded) as in the paper: U(0,1) + k/2,
 * U(0,1) + k/2, 2·N(0,1), N(0,1).
 *
 * <p>PyTorch state dict ({@link #torchEntries}): the names of {@code DoGConv2DLayer} ({@code dog_conv.sigma1},
 * {@code dog_conv.sigma2_scale}, {@code dog_conv.total_scale}, {@code dog_conv.bias}) or of {@code DoGConv2D} (the
 * same without {@code dog_conv.}); the derived {@code kernel_dists (2k+1, 2k+1)} is checked, and without a bias the
 * reference's all-zero, frozen {@code bias} is accepted and checked.
 *
 * <p>Shapes: input {@code (N, C, H, W)} with C ≥ D, output the same shape. Version byte 1.
 */
public final class DoGConv2d extends AbstractBlock implements TorchStateDict {
  private static final byte VERSION = 1;

  private final int dogChannels;
  private final int k;
  private final boolean depthwise;
  private final Parameter sigma1;
  private final Parameter sigma2Scale;
  private final Parameter totalScale;
  private final Parameter bias;

  private DoGConv2d(Builder b) {
    super(VERSION);
    this.dogChannels = b.dogChannels;
    this.k = b.k;
    this.depthwise = b.depthwise;
    double half = k / 2.0;
    sigma1 = addParameter(FixedArrays.learnable("sigma1", Parameter.Type.WEIGHT, b.seed,
        r -> FixedArrays.uniform(r) + half));
    sigma2Scale = addParameter(FixedArrays.learnable("sigma2_scale", Parameter.Type.WEIGHT, b.seed + 1,
        r -> FixedArrays.uniform(r) + half));
    totalScale = addParameter(FixedArrays.learnable("total_scale", Parameter.Type.WEIGHT, b.seed + 2,
        r -> 2 * FixedArrays.normal(r)));
    bias = b.bias ? addParameter(FixedArrays.learnable("bias", Parameter.Type.BIAS, b.seed + 3,
        FixedArrays::normal)) : null;
  }

  public static Builder builder() {
    return new Builder();
  }

  private int kernels() {
    return depthwise ? dogChannels : dogChannels * dogChannels;
  }

  @Override
  protected void prepare(Shape[] inputShapes) {
    BlockConfigException.require(inputShapes[0].get(1) >= dogChannels, "dogChannels",
        dogChannels + " DoG channels but the input has " + inputShapes[0].get(1), null);
    Shape s = new Shape(kernels(), 1, 1);
    sigma1.setShape(s);
    sigma2Scale.setShape(s);
    totalScale.setShape(s);
    if (bias != null) bias.setShape(new Shape(dogChannels));
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                   PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDArray s1 = ps.getValue(sigma1, x.getDevice(), training).maximum(0.1f);
    NDArray ratio = ps.getValue(sigma2Scale, x.getDevice(), training);
    NDArray gain = ps.getValue(totalScale, x.getDevice(), training);
    int side = 2 * k + 1;
    NDArray dist = kernelDistances(x.getManager()).toDevice(x.getDevice(), false);
    NDArray centre = s1.mul((float) (1 / Math.PI)).mul(dist.neg().div(s1).exp());
    NDArray s2 = s1.mul(ratio.maximum(1 + 1e-4f));
    NDArray surround = s2.mul((float) (1 / Math.PI)).mul(dist.neg().div(s2.maximum(1e-6f)).exp());
    NDArray kernel = centre.sub(surround).mul(gain);
    kernel = kernel.div(kernel.square().sum(new int[] {0}, true).sqrt().maximum(1e-12f));
    kernel = kernel.reshape(dogChannels, depthwise ? 1 : dogChannels, side, side);
    NDArray b = bias == null ? null : ps.getValue(bias, x.getDevice(), training);
    NDArray head = x.get(":, 0:" + dogChannels);
    NDArray y = Conv2d.conv2d(head, kernel, b, new Shape(1, 1), new Shape(k, k), new Shape(1, 1),
        depthwise ? dogChannels : 1).singletonOrThrow();
    if (x.getShape().get(1) == dogChannels) return new NDList(y);
    return new NDList(NDArrays.concat(new NDList(y, x.get(":, " + dogChannels + ":")), 1));
  }

  /** Squared distances from the kernel centre, {@code (2k+1, 2k+1)} (the reference's {@code kernel_dists}). */
  private NDArray kernelDistances(ai.djl.ndarray.NDManager manager) {
    int side = 2 * k + 1;
    float[] d2 = new float[side * side];
    for (int i = 0; i < side; i++) {
      for (int j = 0; j < side; j++) d2[i * side + j] = (i - k) * (i - k) + (j - k) * (j - k);
    }
    return manager.create(d2, new Shape(side, side));
  }

  @Override
  public java.util.Map<String, TorchEntry> torchEntries() {
    java.util.Map<String, TorchEntry> own = new java.util.LinkedHashMap<>();
    String m = "(" + kernels() + ", 1, 1), one per (out, in) kernel pair";
    own.put("sigma1", TorchEntry.parameter(sigma1, m));
    own.put("sigma2_scale", TorchEntry.parameter(sigma2Scale, m));
    own.put("total_scale", TorchEntry.parameter(totalScale, m));
    own.put("kernel_dists", TorchEntry.derived(new Shape(2 * k + 1, 2 * k + 1), "(2k+1, 2k+1) squared distances",
        this::kernelDistances, TorchEntry.FLOAT32_TOLERANCE));
    own.put("bias", bias != null ? TorchEntry.parameter(bias, "(" + dogChannels + ")")
        : TorchEntry.derived(new Shape(dogChannels), "(" + dogChannels + ") zeros: the layer has no bias",
            mgr -> mgr.zeros(new Shape(dogChannels)), 0));
    java.util.Map<String, TorchEntry> all = new java.util.LinkedHashMap<>(own);
    own.forEach((name, e) -> all.put("dog_conv." + name, e));
    return all;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  /** Builder: {@code setDogChannels} required; k = 2 (5×5 kernels, the paper's setting), full conv, bias, seed 0. */
  public static final class Builder {
    private int dogChannels;
    private int k = 2;
    private boolean depthwise;
    private boolean bias = true;
    private long seed;

    /** Number of leading channels that get the DoG; the rest pass through. */
    public Builder setDogChannels(int v) {
      this.dogChannels = v;
      return this;
    }

    /** Kernel half-width: the kernel side is 2k + 1. */
    public Builder optHalfWidth(int v) {
      this.k = v;
      return this;
    }

    /** One kernel per channel (groups = D) instead of the paper's full D×D convolution. */
    public Builder optDepthwise(boolean v) {
      this.depthwise = v;
      return this;
    }

    public Builder optBias(boolean v) {
      this.bias = v;
      return this;
    }

    public Builder optSeed(long v) {
      this.seed = v;
      return this;
    }

    public DoGConv2d build() {
      BlockConfigException.require(dogChannels > 0, "dogChannels", "must be positive", "e.g. a quarter of the channels");
      BlockConfigException.require(k >= 1 && k <= 15, "halfWidth", "must lie in 1 … 15", "the paper uses 2");
      return new DoGConv2d(this);
    }
  }
}
