package io.striate.model.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GaborFilterBank and VOneBlock against PyTorch ({@code fixtures/blocks/vone.npz}, tools/block_fixtures.py). */
class VOneBlockTest {
  private static BlockFixture f;
  private static GaborParameters cells;
  private static double[] config; // simple, complex, ks, stride, size, degrees, k_exc, noise scale, noise level

  @BeforeAll
  static void load() {
    f = BlockFixture.load("vone");
    cells = new GaborParameters(f.doubles("sf"), f.doubles("theta"), f.doubles("sigx"), f.doubles("sigy"),
        f.doubles("phase"), f.ints("channel"));
    config = f.doubles("config");
  }

  @AfterAll
  static void close() {
    f.close();
  }

  private VOneBlock.Builder block() {
    return VOneBlock.builder().setChannels((int) config[0], (int) config[1]).optGabors(cells)
        .optVisualField((int) config[4], config[5]).optNoise(VOneBlock.Noise.NONE, 0.35, 0.07);
  }

  @Test
  void gaborKernelsMatchTorch() {
    int k = (int) config[2];
    NDArray q0 = f.manager.create(toFloat(GaborFilterBank.weights(cells, 3, k)), new Shape(cells.size(), 3, k, k));
    NDArray q1 = f.manager.create(toFloat(GaborFilterBank.weights(cells.shiftPhase(Math.PI / 2), 3, k)),
        new Shape(cells.size(), 3, k, k));
    assertThat(BlockFixture.relativeError(q0, f.get("q0"))).isLessThan(BlockFixture.MAX_RELATIVE_ERROR);
    assertThat(BlockFixture.relativeError(q1, f.get("q1"))).isLessThan(BlockFixture.MAX_RELATIVE_ERROR);
  }

  @Test
  void pixelConversionIsVOneNets() {
    // ppd = size / degrees, f = sf / ppd, σ = n / f (fixture: sf_cpd, nx, ny -> sf, sigx, sigy computed by numpy)
    double[] sfCpd = f.doubles("sf_cpd");
    GaborSampling.Draw draw = new GaborSampling.Draw(sfCpd, new double[sfCpd.length], new double[sfCpd.length],
        f.doubles("nx"), f.doubles("ny"), cells.channel());
    GaborParameters px = draw.toPixels((int) config[4], config[5]);
    for (int i = 0; i < sfCpd.length; i++) {
      assertThat(px.frequency()[i]).isCloseTo(cells.frequency()[i], org.assertj.core.data.Offset.offset(1e-12));
      assertThat(px.sigmaX()[i]).isCloseTo(cells.sigmaX()[i], org.assertj.core.data.Offset.offset(1e-9));
      assertThat(px.sigmaY()[i]).isCloseTo(cells.sigmaY()[i], org.assertj.core.data.Offset.offset(1e-9));
    }
  }

  @Test
  void simpleAndComplexCellsMatchTorch() {
    VOneBlock vone = block().build();
    NDArray x = f.floats("x");
    NDArray out = BlockFixture.run(vone, x);
    assertThat(out.getShape()).isEqualTo(f.get("out").getShape());
    assertThat(vone.getOutputShapes(new Shape[] {x.getShape()})[0]).isEqualTo(out.getShape());
    assertThat(BlockFixture.relativeError(out, f.get("out"))).isLessThan(BlockFixture.MAX_RELATIVE_ERROR);
  }

  @Test
  void perChannelConvolutionEqualsTheFullConvolution() {
    // 60 filters with random channels take the gather path, the same filters ordered by channel the run path;
    // both must equal one convolution with the full (n, 3, k, k) weight, as VOneNet computes it
    GaborParameters random = GaborSampling.draw(60, 5, GaborSampling.Mode.EMPIRICAL, 0.75, 0, 9, 3).toPixels(64, 8);
    Integer[] order = new Integer[60];
    for (int i = 0; i < 60; i++) order[i] = i;
    java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> random.channel()[i]));
    GaborParameters sorted = random.permute(java.util.Arrays.stream(order).mapToInt(Integer::intValue).toArray());
    NDArray x = f.floats("x");
    for (GaborParameters g : java.util.List.of(random, sorted)) {
      GaborFilterBank bank = GaborFilterBank.builder().setGabors(g).optKernelSize(9).optStride(2).build();
      NDArray out = BlockFixture.run(bank, x);
      NDArray w = f.manager.create(toFloat(GaborFilterBank.weights(g, 3, 9)), new Shape(60, 3, 9, 9));
      NDArray full = ai.djl.nn.convolutional.Conv2d.conv2d(x, w, null, new Shape(2, 2), new Shape(4, 4))
          .singletonOrThrow();
      assertThat(BlockFixture.relativeError(out, full)).isLessThan(BlockFixture.MAX_RELATIVE_ERROR);
    }
  }

  /**
   * Loaded weights bring their own channel structure: a bank drawn with one channel per filter, loaded with the
   * kernels of another draw (other channels, as a VOneNet state_dict has) and then with one filter reading all three
   * channels, must each time equal one convolution with the loaded (n, 3, k, k) weight, as PyTorch computes it.
   */
  @Test
  void loadedWeightsKeepTheirOwnChannels() {
    GaborParameters drawn = GaborSampling.draw(60, 5, GaborSampling.Mode.EMPIRICAL, 0.75, 0, 9, 3).toPixels(64, 8);
    GaborParameters other = GaborSampling.draw(60, 6, GaborSampling.Mode.EMPIRICAL, 0.75, 0, 9, 3).toPixels(64, 8);
    assertThat(other.channel()).isNotEqualTo(drawn.channel());
    NDArray x = f.floats("x");
    GaborFilterBank bank = GaborFilterBank.builder().setGabors(drawn).optKernelSize(9).optStride(2).build();
    BlockFixture.run(bank, x);
    float[] loaded = toFloat(GaborFilterBank.weights(other, 3, 9));
    float[] dense = loaded.clone();
    java.util.Arrays.fill(dense, 0, 3 * 81, 0.01f); // filter 0 reads every channel
    for (float[] weights : java.util.List.of(loaded, dense)) {
      NDArray w = f.manager.create(weights, new Shape(60, 3, 9, 9));
      bank.adopt(w).copyTo(bank.weightParameter().getArray());
      NDArray out = BlockFixture.forward(bank, x);
      NDArray full = ai.djl.nn.convolutional.Conv2d.conv2d(x, w, null, new Shape(2, 2), new Shape(4, 4))
          .singletonOrThrow();
      assertThat(BlockFixture.relativeError(out, full)).isLessThan(BlockFixture.MAX_RELATIVE_ERROR);
    }
  }

  @Test
  void bankHoldsNoDenormals() {
    // denormal float32 operands slow CPU convolutions by an order of magnitude (tools/block_bench.py: VOneNet with
    // its own Gabor weights takes ~17x longer unless torch.set_flush_denormal(True))
    VOneBlock vone = VOneBlock.builder().setChannels(64, 64).optNoise(VOneBlock.Noise.NONE, 0.35, 0.07).build();
    vone.initialize(f.manager, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 3, 224, 224));
    float[] w = vone.getParameters().valueAt(0).getArray().toFloatArray();
    int zeros = 0;
    for (float v : w) {
      assertThat(v == 0f || Math.abs(v) >= Float.MIN_NORMAL).isTrue();
      if (v == 0f) zeros++;
    }
    assertThat(zeros).isGreaterThan(0); // the envelopes do underflow
  }

  @Test
  void neuronalNoiseMatchesTorchForAFixedDraw() {
    NDArray noisy = VOneBlock.neuronalNoise(f.floats("out"), f.floats("eps"), (float) config[7], (float) config[8]);
    assertThat(BlockFixture.relativeError(noisy, f.get("noisy"))).isLessThan(BlockFixture.MAX_RELATIVE_ERROR);
  }

  @Test
  void neuronalModeIsStochasticAndNonNegative() {
    VOneBlock vone = block().optNoise(VOneBlock.Noise.NEURONAL, config[7], config[8]).build();
    NDArray x = f.floats("x");
    NDArray a = BlockFixture.run(vone, x);
    NDArray b = BlockFixture.forward(vone, x);
    assertThat(a.getShape()).isEqualTo(f.get("out").getShape());
    assertThat(a.min().getFloat()).isGreaterThanOrEqualTo(0f);
    assertThat(BlockFixture.relativeError(a, b)).isGreaterThan(1e-3);
  }

  @Test
  void filterBankIsFrozen() {
    VOneBlock vone = block().build();
    BlockFixture.run(vone, f.floats("x"));
    for (var p : vone.getParameters()) {
      Parameter parameter = p.getValue();
      assertThat(parameter.requiresGradient()).as(p.getKey()).isFalse();
      assertThat(parameter.getArray().hasGradient()).as(p.getKey()).isFalse();
    }
  }

  @Test
  void parametersSurviveSaveAndLoad(@TempDir Path dir) {
    VOneBlock original = VOneBlock.builder().setChannels(4, 4).optVisualField(64, 8).optSeed(11)
        .optNoise(VOneBlock.Noise.NONE, 0.35, 0.07).build();
    NDArray x = f.floats("x");
    NDArray once = BlockFixture.run(original, x);
    // scale the saved bank by 2 (the output is 1-homogeneous in it): the reloaded block can only reproduce 2× the
    // seeded output if its weights came from the file, not from its own initializer
    original.getParameters().forEach(p -> p.getValue().getArray().muli(2f));
    NDArray expected = BlockFixture.forward(original, x);
    assertThat(BlockFixture.relativeError(expected, once.mul(2f))).isLessThan(BlockFixture.MAX_RELATIVE_ERROR);
    VOneBlock fresh = VOneBlock.builder().setChannels(4, 4).optVisualField(64, 8).optSeed(11)
        .optNoise(VOneBlock.Noise.NONE, 0.35, 0.07).build();
    BlockFixture.roundTrip(original, fresh, x, dir);
    assertThat(BlockFixture.relativeError(BlockFixture.forward(fresh, x), expected)).isZero();
  }

  static float[] toFloat(double[] d) {
    float[] r = new float[d.length];
    for (int i = 0; i < d.length; i++) r[i] = (float) d[i];
    return r;
  }
}
