package io.striate.model.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Local receptive fields without weight sharing: a convolution whose kernel differs at every output position
 * (the "local RF" front end of Pogoncheff, Granley &amp; Beyeler, NeurIPS 2023, {@code LocallyConnected2d} in
 * gpogoncheff/explaining_v1).
 * <pre>
 *   y[n, o, h, w] = Σ_{c, i, j} W[o, c, h, w, i·k + j] · x_pad[n, c, h·s + i, w·s + j]  + b[o, h, w]
 * </pre>
 * Parameters: {@code weight (Ho·Wo, C·k², O)}, i.e. {@code W[o, c, h, w, j]} stored at
 * {@code [h·Wo + w, c·k² + j, o]} (the reference's {@code (1, O, C, Ho, Wo, k²)} tensor permuted to (3, 4, 2, 5, 1)
 * and reshaped; see {@link #fromTorchLayout}), and optional {@code bias (O, Ho, Wo)}; seeded initialisation
 * N(0, 1/(C·k²)) and zero bias (the reference draws N(0, 1) weights and N(0, 1) bias, and its constructor and the
 * paper's models leave the bias off: call {@code optBias(false)} to match them; trained weights are loaded, not
 * drawn). The weight is stored in the layout of the matmul so a forward never copies it.
 * DJL has no unfold: patches are extracted by a depthwise convolution with one-hot {@code k × k} kernels (exact),
 * then one batched matmul over positions. The weight is large, see {@link #parameterBytes}.
 *
 * <p>PyTorch state dict ({@link #torchEntries}): {@code weight} in the reference's {@code (1, O, C, Ho, Wo, k²)}
 * (or without the leading 1, or already in this block's layout) and {@code bias (1, O, Ho, Wo)} or {@code (O, Ho, Wo)}.
 *
 * <p>Shapes: input {@code (N, C, H, W)}, output {@code (N, O, Ho, Wo)}, {@code Ho = ⌊(H + 2p − k)/s⌋ + 1}.
 * Version byte 1.
 */
public final class LocallyConnected2d extends AbstractBlock implements TorchStateDict {
  private static final byte VERSION = 1;

  private final int outChannels;
  private final int kernelSize;
  private final int stride;
  private final int padding;
  private final Parameter weight;
  private final Parameter bias;
  private long outH;
  private long outW;

  private LocallyConnected2d(Builder b) {
    super(VERSION);
    this.outChannels = b.outChannels;
    this.kernelSize = b.kernelSize;
    this.stride = b.stride;
    this.padding = b.padding;
    this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
        .optInitializer((m, shape, dt) -> {
          double sd = 1 / Math.sqrt((double) shape.get(1));
          return FixedArrays.seeded(b.seed, r -> sd * FixedArrays.normal(r)).initialize(m, shape, dt);
        }).build());
    this.bias = b.bias ? addParameter(FixedArrays.learnable("bias", Parameter.Type.BIAS, b.seed + 1, r -> 0))
        : null;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Bytes of the parameters for an input of {@code inChannels × height × width}. */
  public static long parameterBytes(int inChannels, int outChannels, int height, int width, int kernelSize,
                                    int stride, int padding, boolean bias, DataType dataType) {
    long ho = outSize(height, kernelSize, stride, padding);
    long wo = outSize(width, kernelSize, stride, padding);
    long n = (long) outChannels * inChannels * ho * wo * kernelSize * kernelSize + (bias ? outChannels * ho * wo : 0);
    return n * dataType.getNumOfBytes();
  }

  /** The reference's weight {@code (O, C, Ho, Wo, k²)} (leading 1 dropped) in this block's layout. */
  public static NDArray fromTorchLayout(NDArray torchWeight) {
    Shape s = torchWeight.getShape();
    return torchWeight.transpose(2, 3, 1, 4, 0).reshape(s.get(2) * s.get(3), s.get(1) * s.get(4), s.get(0));
  }

  @Override
  public java.util.Map<String, TorchEntry> torchEntries() {
    Shape mine = weight.getArray().getShape();
    long c = mine.get(1) / ((long) kernelSize * kernelSize);
    long ho = outH;
    long wo = outW;
    Shape torch6 = new Shape(1, outChannels, c, ho, wo, (long) kernelSize * kernelSize);
    Shape torch5 = new Shape(outChannels, c, ho, wo, (long) kernelSize * kernelSize);
    java.util.Map<String, TorchEntry> out = new java.util.LinkedHashMap<>();
    out.put("weight", TorchEntry.parameter(weight, "(1, O, C, Ho, Wo, k²) as in the reference LocallyConnected2d "
        + "(also accepted: (O, C, Ho, Wo, k²) or the block layout (Ho·Wo, C·k², O))", java.util.List.of(torch6, torch5,
        mine), a -> a.getShape().equals(mine) ? a
            : fromTorchLayout(a.getShape().dimension() == 6 ? a.reshape(torch5) : a)));
    if (bias != null) {
      Shape b = bias.getArray().getShape();
      out.put("bias", TorchEntry.parameter(bias, "(1, O, Ho, Wo) or (O, Ho, Wo)",
          java.util.List.of(new Shape(1, b.get(0), b.get(1), b.get(2)), b), a -> a.reshape(b)));
    }
    return out;
  }

  private static long outSize(long size, int k, int s, int p) {
    return (size + 2L * p - k) / s + 1;
  }

  @Override
  protected void prepare(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    long ho = outSize(in.get(2), kernelSize, stride, padding);
    long wo = outSize(in.get(3), kernelSize, stride, padding);
    BlockConfigException.require(ho > 0 && wo > 0, "kernelSize", "larger than the padded input", null);
    outH = ho;
    outW = wo;
    weight.setShape(new Shape(ho * wo, in.get(1) * kernelSize * kernelSize, outChannels));
    if (bias != null) bias.setShape(new Shape(outChannels, ho, wo));
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                   PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    long n = x.getShape().get(0);
    int c = Math.toIntExact(x.getShape().get(1));
    int kk = kernelSize * kernelSize;
    float[] oneHot = new float[c * kk * kk];
    for (int ch = 0; ch < c; ch++) {
      for (int j = 0; j < kk; j++) oneHot[(ch * kk + j) * kk + j] = 1f;
    }
    NDArray eye = x.getManager().create(oneHot, new Shape((long) c * kk, 1, kernelSize, kernelSize))
        .toDevice(x.getDevice(), false).toType(x.getDataType(), false);
    // cols[n, c·k² + j, h, w] = x_pad[n, c, h·s + j / k, w·s + j % k]  (torch's unfold order)
    NDArray cols = Conv2d.conv2d(x, eye, null, new Shape(stride, stride), new Shape(padding, padding),
        new Shape(1, 1), c).singletonOrThrow();
    long ho = cols.getShape().get(2);
    long wo = cols.getShape().get(3);
    long positions = ho * wo;
    NDArray patches = cols.reshape(n, (long) c * kk, positions).transpose(2, 0, 1);        // (L, N, C·k²)
    NDArray w = ps.getValue(weight, x.getDevice(), training);                            // (L, C·k², O)
    NDArray y = patches.batchMatMul(w).transpose(1, 2, 0).reshape(n, outChannels, ho, wo);
    if (bias != null) y = y.add(ps.getValue(bias, x.getDevice(), training));
    return new NDList(y);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    return new Shape[] {new Shape(in.get(0), outChannels, outSize(in.get(2), kernelSize, stride, padding),
        outSize(in.get(3), kernelSize, stride, padding))};
  }

  /** Builder: {@code setOutChannels} and {@code setKernelSize} required; stride 1, padding 0, bias, seed 0. */
  public static final class Builder {
    private int outChannels;
    private int kernelSize;
    private int stride = 1;
    private int padding;
    private boolean bias = true;
    private long seed;

    public Builder setOutChannels(int v) {
      this.outChannels = v;
      return this;
    }

    public Builder setKernelSize(int v) {
      this.kernelSize = v;
      return this;
    }

    public Builder optStride(int v) {
      this.stride = v;
      return this;
    }

    public Builder optPadding(int v) {
      this.padding = v;
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

    public LocallyConnected2d build() {
      BlockConfigException.require(outChannels > 0, "outChannels", "must be positive", null);
      BlockConfigException.require(kernelSize > 0 && kernelSize <= 15, "kernelSize", "must lie in 1 … 15", null);
      BlockConfigException.require(stride > 0, "stride", "must be positive", null);
      BlockConfigException.require(padding >= 0, "padding", "must not be negative", null);
      return new LocallyConnected2d(this);
    }
  }
}
