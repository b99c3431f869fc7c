package io.striate.model.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import java.util.SplittableRandom;

/** Shared helpers of the blocks: fixed and seeded parameters, float arrays on a manager. */
final class FixedArrays {
  private FixedArrays() {
  }

  /** A parameter that never learns (fixed filter bank, pooling matrix): {@code requiresGrad = false}. */
  static Parameter fixed(String name, Initializer initializer) {
    return Parameter.builder().setName(name).setType(Parameter.Type.OTHER).optInitializer(initializer)
        .optRequiresGrad(false).build();
  }

  /** A learnable parameter whose initial values come from {@code draw} (seeded, so builds are reproducible). */
  static Parameter learnable(String name, Parameter.Type type, long seed, SeededDraw draw) {
    return Parameter.builder().setName(name).setType(type).optInitializer(seeded(seed, draw)).build();
  }

  /** An initializer filling the array with independent draws of a generator seeded with {@code seed}. */
  static Initializer seeded(long seed, SeededDraw draw) {
    return (m, shape, dt) -> {
      SplittableRandom random = new SplittableRandom(seed);
      float[] values = new float[Math.toIntExact(shape.size())];
      for (int i = 0; i < values.length; i++) values[i] = (float) draw.next(random);
      return m.create(values, shape).toType(dt, false);
    };
  }

  /** One draw from a seeded generator. */
  @FunctionalInterface
  interface SeededDraw {
    double next(SplittableRandom random);
  }

  static double uniform(SplittableRandom r) {
    return r.nextDouble();
  }

  /** Standard normal by Box–Muller (one value per call; deterministic for a given generator). */
  static double normal(SplittableRandom r) {
    double u1 = 1.0 - r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /**
   * Float32 array of {@code values}; values below the smallest normal float become 0, since denormal operands make
   * CPU convolutions many times slower (Gaussian envelopes far from their centre underflow into that range).
   */
  static NDArray create(NDManager manager, double[] values, Shape shape, DataType dataType) {
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) f[i] = Math.abs(values[i]) < Float.MIN_NORMAL ? 0f : (float) values[i];
    return manager.create(f, shape).toType(dataType, false);
  }

  static NDArray create(NDManager manager, float[] values, Shape shape) {
    return manager.create(values, shape);
  }
}
