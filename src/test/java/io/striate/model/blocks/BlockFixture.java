package io.striate.model.blocks;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Test support: the PyTorch reference fixtures written by {@code tools/block_fixtures.py} (Debian torch 1.13),
 * read with DJL's own {@link NDList#decode} (.npz), and helpers to run, save and reload blocks.
 */
final class BlockFixture implements AutoCloseable {
  /**
   * Largest accepted relative error against PyTorch, {@code max|djl − torch| / max|torch|} over the whole tensor
   * (the bound; element-wise ratios are meaningless where the reference crosses zero).
   */
  static final double MAX_RELATIVE_ERROR = 1e-5;

  final NDManager manager;
  private final Map<String, NDArray> arrays = new HashMap<>();

  private BlockFixture(NDManager manager) {
    this.manager = manager;
  }

  static BlockFixture load(String name) {
    BlockFixture f = new BlockFixture(NDManager.newBaseManager("PyTorch"));
    try (InputStream in = BlockFixture.class.getResourceAsStream("/fixtures/blocks/" + name + ".npz")) {
      if (in == null) throw new IllegalStateException("fixture " + name + " missing; run tools/block_fixtures.py");
      for (NDArray a : NDList.decode(f.manager, in)) {
        String key = a.getName().endsWith(".npy") ? a.getName().substring(0, a.getName().length() - 4) : a.getName();
        f.arrays.put(key, a);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return f;
  }

  NDArray get(String key) {
    NDArray a = arrays.get(key);
    if (a == null) throw new IllegalArgumentException("fixture has no array " + key + ": " + arrays.keySet());
    return a;
  }

  NDArray floats(String key) {
    return get(key).toType(DataType.FLOAT32, false);
  }

  double[] doubles(String key) {
    return get(key).toType(DataType.FLOAT64, false).toDoubleArray();
  }

  int[] ints(String key) {
    long[] l = get(key).toType(DataType.INT64, false).toLongArray();
    int[] r = new int[l.length];
    for (int i = 0; i < l.length; i++) r[i] = Math.toIntExact(l[i]);
    return r;
  }

  /** max|actual − expected| / max|expected|. */
  static double relativeError(NDArray actual, NDArray expected) {
    float[] a = actual.toType(DataType.FLOAT32, false).toFloatArray();
    float[] e = expected.toType(DataType.FLOAT32, false).toFloatArray();
    if (a.length != e.length) throw new AssertionError("sizes differ: " + a.length + " vs " + e.length);
    double diff = 0;
    double scale = 0;
    for (int i = 0; i < a.length; i++) {
      diff = Math.max(diff, Math.abs((double) a[i] - e[i]));
      scale = Math.max(scale, Math.abs(e[i]));
    }
    return diff / scale;
  }

  /** Initialises {@code block} for {@code x}'s shape and runs one inference forward. */
  static NDArray run(Block block, NDArray x) {
    block.initialize(x.getManager(), DataType.FLOAT32, x.getShape());
    return forward(block, x);
  }

  static NDArray forward(Block block, NDArray x) {
    return block.forward(new ParameterStore(x.getManager(), false), new NDList(x), false).singletonOrThrow();
  }

  /** Saves {@code block}'s parameters with {@link Model#save}, loads them into {@code fresh}, returns fresh. */
  static Block roundTrip(Block block, Block fresh, NDArray x, Path dir) {
    try (Model m = Model.newInstance("rt", "PyTorch")) {
      m.setBlock(block);
      m.save(dir, "rt");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // the rebuilt block cannot make its own values (djl.md §1.3): whatever it holds after load came from the file
    fresh.getParameters().forEach(p -> p.getValue().setInitializer((manager, shape, dataType) -> {
      throw new AssertionError("initializer of " + p.getKey() + " called: parameters must come from the file");
    }));
    try (Model m = Model.newInstance("rt", "PyTorch")) {
      m.setBlock(fresh);
      m.load(dir, "rt");
      // the parameters live in m's manager: copy them out before it closes
      fresh.getParameters().forEach(p -> p.getValue().getArray().detach());
    } catch (IOException | ai.djl.MalformedModelException e) {
      throw new IllegalStateException(e);
    }
    return fresh;
  }

  /** Copies fixture arrays into the block's direct parameters of the same names (block already initialised). */
  void setParameters(Block block, String... names) {
    for (String name : names) {
      ai.djl.nn.Parameter p = block.getDirectParameters().get(name);
      if (p == null) throw new IllegalArgumentException("no parameter " + name);
      NDArray value = floats(name);
      if (block instanceof LocallyConnected2d && name.equals("weight")) {
        value = LocallyConnected2d.fromTorchLayout(value);
      }
      if (!p.getArray().getShape().equals(value.getShape())) {
        value = value.reshape(p.getArray().getShape());
      }
      value.copyTo(p.getArray());
    }
  }

  /**
   * Full check of one block against its fixture: outputs match PyTorch, {@code getOutputShapes} agrees, the
   * parameters survive a save/load into {@code fresh} (built with another seed), and frozen parameters stay frozen
   * through a training-mode forward and backward.
   */
  void check(Block block, Block fresh, NDArray x, NDArray expected, Path dir, String... names) {
    block.initialize(manager, DataType.FLOAT32, x.getShape());
    setParameters(block, names);
    NDArray out = forward(block, x);
    org.assertj.core.api.Assertions.assertThat(out.getShape()).isEqualTo(expected.getShape());
    org.assertj.core.api.Assertions.assertThat(block.getOutputShapes(new ai.djl.ndarray.types.Shape[] {x.getShape()})[0])
        .isEqualTo(out.getShape());
    org.assertj.core.api.Assertions.assertThat(relativeError(out, expected)).isLessThan(MAX_RELATIVE_ERROR);

    roundTrip(block, fresh, x, dir);
    org.assertj.core.api.Assertions.assertThat(relativeError(forward(fresh, x), out)).isZero();

    block.freezeParameters(true);
    java.util.Map<String, float[]> before = new java.util.HashMap<>();
    block.getParameters().forEach(p -> before.put(p.getKey(), p.getValue().getArray().toFloatArray()));
    try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
      NDArray y = block.forward(new ParameterStore(manager, false), new NDList(x), true).singletonOrThrow();
      org.assertj.core.api.Assertions.assertThat(y.hasGradient()).isFalse();
    }
    block.getParameters().forEach(p -> {
      org.assertj.core.api.Assertions.assertThat(p.getValue().requiresGradient()).as(p.getKey()).isFalse();
      org.assertj.core.api.Assertions.assertThat(p.getValue().getArray().toFloatArray()).as(p.getKey())
          .isEqualTo(before.get(p.getKey())); // Arrays.equals: containsExactly is quadratic on large arrays
    });
  }

  @Override
  public void close() {
    manager.close();
  }
}
