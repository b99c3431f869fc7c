package io.striate.model.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * A fixed bank of Gabor filters applied as one convolution (VOneNet's {@code GFB}, Dapello et al., NeurIPS 2020).
 *
 * <p>Filter {@code i} reads only input channel {@code channel[i]}; its kernel ({@code k × k}, centred, offsets
 * {@code -k/2 … k/2}) is, with VOneNet's convention that x runs along kernel rows and y along columns:
 * <pre>
 *   x' =  x cos θ + y sin θ,   y' = −x sin θ + y cos θ
 *   g(x, y) = exp(−½ (x'²/σx² + y'²/σy²)) / (2π σx σy) · cos(2π f x' + φ)
 * </pre>
 *
 * <p>Shapes: input {@code (N, C, H, W)}, output {@code (N, n, ⌊(H + 2⌊k/2⌋ − k)/s⌋ + 1, …)}, stride {@code s},
 * padding {@code ⌊k/2⌋}. One parameter, {@code weight (n, C, k, k)}, never trained ({@code requiresGrad=false}).
 * The forward convolves each input channel with only the filters that read it (a third of VOneNet's
 * multiply-adds for RGB). Which channel a filter reads is taken from the weights: the drawn one for the seeded bank,
 * and on loading weights ({@link #adopt}) the channel of each filter's non-zero kernel (VOneNet draws its own);
 * loaded filters that read several channels make the forward one dense convolution over all of them.
 * Version byte 1.
 */
public final class GaborFilterBank extends AbstractBlock implements TorchStateDict {
  private static final byte VERSION = 1;
  /** Up to this many runs of same-channel filters per channel, the runs are convolved without a reordering gather. */
  private static final int MAX_RUNS_PER_CHANNEL = 4;

  private final GaborParameters gabors;
  private final int inChannels;
  private final int kernelSize;
  private final int stride;
  private final Parameter weight;
  /** The input channel each filter reads, or null when some filter reads several (dense convolution). */
  private volatile int[] channels;

  private GaborFilterBank(Builder b) {
    super(VERSION);
    this.gabors = b.gabors;
    this.inChannels = b.inChannels;
    this.kernelSize = b.kernelSize;
    this.stride = b.stride;
    this.channels = b.gabors.channel().clone();
    this.weight = addParameter(FixedArrays.fixed("weight", (m, shape, dt) ->
        FixedArrays.create(m, weights(gabors, inChannels, kernelSize), shape, dt)));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The kernels, {@code (n, inChannels, k, k)} row-major, computed in double precision. */
  public static double[] weights(GaborParameters g, int inChannels, int k) {
    int n = g.size();
    double[] w = new double[n * inChannels * k * k];
    for (int i = 0; i < n; i++) {
      double[] kernel = kernel(g.frequency()[i], g.sigmaX()[i], g.sigmaY()[i], g.theta()[i], g.phase()[i], k);
      System.arraycopy(kernel, 0, w, (i * inChannels + g.channel()[i]) * k * k, k * k);
    }
    return w;
  }

  /** One Gabor kernel, {@code k × k} row-major; row index is x, column index is y (VOneNet's meshgrid 'ij'). */
  public static double[] kernel(double frequency, double sigmaX, double sigmaY, double theta, double phase, int k) {
    int half = k / 2;
    double c = Math.cos(theta);
    double s = Math.sin(theta);
    double[] g = new double[k * k];
    for (int r = 0; r < k; r++) {
      for (int col = 0; col < k; col++) {
        double x = r - half;
        double y = col - half;
        double rx = x * c + y * s;
        double ry = -x * s + y * c;
        double env = Math.exp(-0.5 * (rx * rx / (sigmaX * sigmaX) + ry * ry / (sigmaY * sigmaY)))
            / (2 * Math.PI * sigmaX * sigmaY);
        g[r * k + col] = env * Math.cos(2 * Math.PI * frequency * rx + phase);
      }
    }
    return g;
  }

  public int filters() {
    return gabors.size();
  }

  @Override
  protected void prepare(Shape[] inputShapes) {
    BlockConfigException.require(inputShapes[0].get(1) == inChannels, "inChannels",
        "the input has " + inputShapes[0].get(1) + " channels, the bank expects " + inChannels, null);
    weight.setShape(new Shape(gabors.size(), inChannels, kernelSize, kernelSize));
  }

  /**
   * Every filter reads one channel, so instead of one convolution over all channels (mostly multiplying zeros, as
   * VOneNet does) each channel is convolved with its own filters only, and the outputs are put back in filter order.
   */
  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                   PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDArray w = ps.getValue(weight, x.getDevice(), training);
    int p = kernelSize / 2;
    Shape strideShape = new Shape(stride, stride);
    Shape padShape = new Shape(p, p);
    int[] ch = channels;
    if (inChannels == 1 || ch == null) return Conv2d.conv2d(x, w, null, strideShape, padShape, new Shape(1, 1), 1);
    List<int[]> runs = new ArrayList<>(); // [start, end) of filters reading the same channel
    for (int i = 0; i < ch.length; ) {
      int j = i;
      while (j < ch.length && ch[j] == ch[i]) j++;
      runs.add(new int[] {i, j});
      i = j;
    }
    if (runs.size() <= MAX_RUNS_PER_CHANNEL * inChannels) {
      // contiguous runs: convolve each with its channel, outputs already in filter order
      NDList parts = new NDList();
      for (int[] run : runs) {
        int c = ch[run[0]];
        NDArray wc = w.get(run[0] + ":" + run[1] + ", " + c + ":" + (c + 1));
        parts.add(Conv2d.conv2d(x.get(":, " + c + ":" + (c + 1)), wc, null, strideShape, padShape,
            new Shape(1, 1), 1).singletonOrThrow());
      }
      return new NDList(parts.size() == 1 ? parts.head() : NDArrays.concat(parts, 1));
    }
    NDList parts = new NDList();
    long[] order = new long[gabors.size()];
    int filled = 0;
    for (int c = 0; c < inChannels; c++) {
      int count = 0;
      for (int v : ch) if (v == c) count++;
      if (count == 0) continue;
      long[] rows = new long[count];
      int r = 0;
      for (int i = 0; i < ch.length; i++) {
        if (ch[i] == c) {
          rows[r++] = i;
          order[i] = filled++;
        }
      }
      NDArray idx = x.getManager().create(rows).toDevice(x.getDevice(), false);
      NDArray wc = w.get(new NDIndex("{}, " + c + ":" + (c + 1), idx));
      parts.add(Conv2d.conv2d(x.get(":, " + c + ":" + (c + 1)), wc, null, strideShape, padShape, new Shape(1, 1), 1)
          .singletonOrThrow());
    }
    NDArray grouped = parts.size() == 1 ? parts.head() : NDArrays.concat(parts, 1);
    NDArray back = x.getManager().create(order).toDevice(x.getDevice(), false);
    return new NDList(grouped.get(new NDIndex(":, {}", back)));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    return new Shape[] {new Shape(in.get(0), gabors.size(), outSize(in.get(2)), outSize(in.get(3)))};
  }

  private long outSize(long size) {
    return (size + 2L * (kernelSize / 2) - kernelSize) / stride + 1;
  }

  /** The filters {@code (F, C, k, k)}. */
  Parameter weightParameter() {
    return weight;
  }

  /**
   * Takes the channel structure of weights about to be loaded, {@code (F, C, k, k)}: filter {@code i} reads the one
   * channel where its kernel is non-zero (an all-zero filter keeps its channel); when some filter is non-zero in
   * several channels, the forward becomes one dense convolution. Returns {@code w}.
   */
  NDArray adopt(NDArray w) {
    long[] shape = w.getShape().getShape();
    float[] mass = w.abs().sum(new int[] {2, 3}).toFloatArray(); // (F, C)
    int filters = (int) shape[0];
    int in = (int) shape[1];
    int[] next = channels == null ? gabors.channel().clone() : channels.clone();
    for (int i = 0; i < filters; i++) {
      int found = -1;
      for (int c = 0; c < in; c++) {
        if (mass[i * in + c] != 0f) {
          if (found >= 0) {
            channels = null;
            return w;
          }
          found = c;
        }
      }
      if (found >= 0) next[i] = found;
    }
    channels = next;
    return w;
  }

  /** PyTorch state dict: {@code weight (F, C, k, k)}, the layout of VOneNet's {@code GFB.weight}. */
  @Override
  public java.util.Map<String, TorchEntry> torchEntries() {
    return java.util.Map.of("weight", TorchEntry.parameter(weight, "(F, C, k, k) as VOneNet's GFB",
        java.util.List.of(weight.getArray().getShape()), this::adopt));
  }

  /** Builder: {@code setGabors} is required; in-channels 3, kernel 25 and stride 4 are VOneNet's defaults. */
  public static final class Builder {
    private GaborParameters gabors;
    private int inChannels = 3;
    private int kernelSize = 25;
    private int stride = 4;

    public Builder setGabors(GaborParameters gabors) {
      this.gabors = gabors;
      return this;
    }

    public Builder optInChannels(int inChannels) {
      this.inChannels = inChannels;
      return this;
    }

    public Builder optKernelSize(int kernelSize) {
      this.kernelSize = kernelSize;
      return this;
    }

    public Builder optStride(int stride) {
      this.stride = stride;
      return this;
    }

    public GaborFilterBank build() {
      BlockConfigException.require(gabors != null, "gabor", "no filter parameters", "call setGabors");
      BlockConfigException.require(inChannels > 0, "inChannels", "must be positive", null);
      BlockConfigException.require(kernelSize > 0 && kernelSize % 2 == 1, "kernelSize", "must be odd and positive",
          "VOneNet uses 25");
      BlockConfigException.require(stride > 0, "stride", "must be positive", null);
      for (int c : gabors.channel()) {
        BlockConfigException.require(c < inChannels, "gabor", "a filter reads channel " + c + " of " + inChannels,
            null);
      }
      return new GaborFilterBank(this);
    }
  }
}
