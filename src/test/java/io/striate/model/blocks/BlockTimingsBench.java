package io.striate.model.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Median forward time of each biological block on a 1×64×56×56 input (VOneBlock: 1×3×224×224, its natural input),
 * as a ratio to DJL's builtin {@code Conv2d} 64→64 3×3 (padding 1) measured in the same run. Each forward runs in
 * its own sub-manager and is synchronised by copying the output to the heap.
 * Run: {@code mvn -o -q test -Dtest=BlockTimingsBench -Dsurefire.excludedGroups=gpu}.
 */
@Tag("bench")
class BlockTimingsBench {
  private static final int WARMUP = 5;
  private static final int RUNS = 30;
  private static final int SLOW_RUNS = 10;

  @Test
  void perBlockMedians() {
    Shape feature = new Shape(1, 64, 56, 56);
    Map<String, Object[]> cases = new LinkedHashMap<>();
    cases.put("Conv2d 64->64 3x3 (baseline)", new Object[] {(Supplier<Block>) () -> Conv2d.builder()
        .setKernelShape(new Shape(3, 3)).setFilters(64).optPadding(new Shape(1, 1)).build(), feature, RUNS});
    cases.put("DoGConv2d 16 of 64 channels, full 5x5", new Object[] {(Supplier<Block>) () -> DoGConv2d.builder()
        .setDogChannels(16).build(), feature, RUNS});
    cases.put("DoGConv2d 64 channels, depthwise 5x5", new Object[] {(Supplier<Block>) () -> DoGConv2d.builder()
        .setDogChannels(64).optDepthwise(true).build(), feature, RUNS});
    cases.put("LocallyConnected2d out 16, k3 s1 p1", new Object[] {(Supplier<Block>) () -> LocallyConnected2d.builder()
        .setOutChannels(16).setKernelSize(3).optPadding(1).build(), feature, SLOW_RUNS});
    cases.put("LocallyConnected2d out 64, k3 s2 p1", new Object[] {(Supplier<Block>) () -> LocallyConnected2d.builder()
        .setOutChannels(64).setKernelSize(3).optStride(2).optPadding(1).build(), feature, SLOW_RUNS});
    cases.put("TunedNormalization", new Object[] {(Supplier<Block>) () -> TunedNormalization.builder().build(),
        feature, RUNS});
    cases.put("DivisiveNormalization 3x3", new Object[] {(Supplier<Block>) () -> DivisiveNormalization.builder()
        .build(), feature, RUNS});
    double[] fovea = new double[28];
    for (int i = 0; i <= 20; i++) fovea[i] = i;
    double[] periphery = {21, 23, 25, 28, 32, 36, 40};
    System.arraycopy(periphery, 0, fovea, 21, periphery.length);
    cases.put("CorticalMagnification 27x54 -> 28x28", new Object[] {(Supplier<Block>) () -> CorticalMagnification
        .builder().setRadiusBins(fovea).setAngleCount(54).setOutputSize(28, 28).build(), feature, RUNS});
    cases.put("VOneBlock 256+256 on 1x3x224x224", new Object[] {(Supplier<Block>) () -> VOneBlock.builder()
        .optNoise(VOneBlock.Noise.NONE, 0.35, 0.07).build(), new Shape(1, 3, 224, 224), RUNS});
    cases.put("VOneBlock 256+256 neuronal noise", new Object[] {(Supplier<Block>) () -> VOneBlock.builder()
        .build(), new Shape(1, 3, 224, 224), RUNS});

    double baseline = Double.NaN;
    System.out.printf("%n%-42s %10s %8s%n", "block", "median ms", "x conv");
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      for (var e : cases.entrySet()) {
        @SuppressWarnings("unchecked")
        Block block = ((Supplier<Block>) e.getValue()[0]).get();
        Shape shape = (Shape) e.getValue()[1];
        int runs = (int) e.getValue()[2];
        block.initialize(manager, DataType.FLOAT32, shape);
        block.freezeParameters(true);
        NDArray x = manager.randomUniform(0, 1, shape);
        ParameterStore ps = new ParameterStore(manager, false);
        double[] times = new double[runs];
        for (int i = -WARMUP; i < runs; i++) {
          try (NDManager request = manager.newSubManager()) {
            NDArray input = x.duplicate();
            input.attach(request);
            long t0 = System.nanoTime();
            NDArray out = block.forward(ps, new NDList(input), false).singletonOrThrow();
            out.toFloatArray();
            if (i >= 0) times[i] = (System.nanoTime() - t0) / 1e6;
          }
        }
        Arrays.sort(times);
        double median = times[runs / 2];
        if (Double.isNaN(baseline)) baseline = median;
        System.out.printf("%-42s %10.3f %8.2f%n", e.getKey(), median, median / baseline);
      }
    }
  }
}
