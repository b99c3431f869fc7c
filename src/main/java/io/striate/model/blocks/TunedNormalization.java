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
 * Tuned normalization (opponent-channel inhibition) of Pogoncheff, Granley &amp; Beyeler, "Explaining V1
 * properties with a biologically constrained deep learning architecture", NeurIPS 2023
 * ({@code OpponentChannelInhibition} in gpogoncheff/explaining_v1): each channel is divided by a Gaussian-weighted
 * sum over the channels near it (channels are treated as a ring of feature tunings).
 * <pre>
 *   d_i = |i − ⌊C/2⌋|,  D[i, j] = d_{(j − i) mod C}                   (torch.roll of d by i)
 *   σ_j = max(sigmas_j, 0.5)
 *   G[i, j] = exp(−D[i, j]² / (2σ_j²)) / (2.5066 σ_j),   G[i, j] ← G[i, j] / Σ_i G[i, j]
 *   y[:, i] = x[:, i] / (Σ_j G[i, j] x[:, j] + 1)
 * </pre>
 * PyTorch state dict: {@code sigmas (C)} and the derived, checked {@code channel_distances (C, C)} (= D).
 * Learnable {@code sigmas (C)}, seeded initialisation U(0,1) + C/8 as in the paper. Shapes: input and output
 * {@code (N, C, H, W)}. Version byte 1.
 */
public final class TunedNormalization extends AbstractBlock implements TorchStateDict {
  private static final byte VERSION = 1;

  private final Parameter sigmas;

  private TunedNormalization(Builder b) {
    super(VERSION);
    sigmas = addParameter(Parameter.builder().setName("sigmas").setType(Parameter.Type.WEIGHT)
        .optInitializer((m, shape, dt) -> FixedArrays.seeded(b.seed, r -> FixedArrays.uniform(r) + shape.get(0) / 8.0)
            .initialize(m, shape, dt)).build());
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected void prepare(Shape[] inputShapes) {
    sigmas.setShape(new Shape(inputShapes[0].get(1)));
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                   PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    int c = Math.toIntExact(x.getShape().get(1));
    NDArray distance2 = x.getManager().create(distances(c, true), new Shape(c, c)).toDevice(x.getDevice(), false);
    NDArray s = ps.getValue(sigmas, x.getDevice(), training).maximum(0.5f);
    NDArray g = distance2.neg().div(s.square().mul(2f)).exp().div(s.mul(2.5066f));
    g = g.div(g.sum(new int[] {0}, true)).reshape(c, c, 1, 1);
    NDArray pool = Conv2d.conv2d(x, g).singletonOrThrow();
    return new NDList(x.div(pool.add(1f)));
  }

  /** D (or D² when {@code squared}) row-major {@code (C, C)}: the reference's {@code channel_distances}. */
  private static float[] distances(int c, boolean squared) {
    float[] d = new float[c];
    for (int i = 0; i < c; i++) d[i] = Math.abs((i + 1f) - (c / 2 + 1f));
    float[] out = new float[c * c];
    for (int i = 0; i < c; i++) {
      for (int j = 0; j < c; j++) {
        float v = d[Math.floorMod(j - i, c)];
        out[i * c + j] = squared ? v * v : v;
      }
    }
    return out;
  }

  @Override
  public java.util.Map<String, TorchEntry> torchEntries() {
    int c = Math.toIntExact(sigmas.getArray().getShape().get(0));
    return java.util.Map.of("sigmas", TorchEntry.parameter(sigmas, "(C) = (" + c + ")"),
        "channel_distances", TorchEntry.derived(new Shape(c, c), "(C, C) ring distances |i − C/2| rolled",
            m -> m.create(distances(c, false), new Shape(c, c)), TorchEntry.FLOAT32_TOLERANCE));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  /** Builder: the channel count comes from the input; seed 0. */
  public static final class Builder {
    private long seed;

    public Builder optSeed(long v) {
      this.seed = v;
      return this;
    }

    public TunedNormalization build() {
      return new TunedNormalization(this);
    }
  }
}
