package io.striate.model.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.BaseNDManager;
import io.striate.model.LayerShape;
import io.striate.model.torchscript.TorchScriptLoader;
import io.striate.model.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end against PyTorch 1.13: uint8 images → preprocessing → TorchScript → taps, compared with
 * {@code tiny_reference.npz} (tools/runtime_fixtures.py ran the same images through torchvision and the same models).
 */
class DjlBrainModelTest {
  /** float32 conv results from two PyTorch builds (1.13 vs 2.7.1) differ by summation order only. */
  private static final double MAX_RELATIVE_ERROR = 1e-5;
  private static Map<String, Npz.Array> reference;
  private static ListStimuli stimuli;

  @TempDir
  Path dir;

  @BeforeAll
  static void load() throws Exception {
    reference = Npz.resource("/fixtures/runtime/tiny_reference.npz");
    stimuli = ListStimuli.fromNpz(reference.get("images"));
  }

  private DjlBrainModel model(String fixture, ModelMetadata md, int batch) throws Exception {
    LoadedModel loaded = new TorchScriptLoader(TestEngine.get()).load(Fixtures.copy(fixture, dir), md, fixture);
    return new DjlBrainModel(TestEngine.get(), loaded, batch);
  }

  /** max |a - b| / max(max |b|, tiny) over all entries. */
  static double relativeError(float[][] rows, Npz.Array expected) {
    double[] want = expected.values();
    int per = want.length / rows.length;
    double maxDiff = 0;
    double scale = 1e-12;
    for (int i = 0; i < rows.length; i++) {
      assertThat(rows[i]).hasSize(per);
      for (int j = 0; j < per; j++) {
        maxDiff = Math.max(maxDiff, Math.abs(rows[i][j] - want[i * per + j]));
        scale = Math.max(scale, Math.abs(want[i * per + j]));
      }
    }
    return maxDiff / scale;
  }

  @Test
  void dictTapsMatchPyTorchWithPaddedLastBatch() throws Exception {
    try (DjlBrainModel m = model("tiny_dict.pt", ModelMetadata.EMPTY, 2)) { // 3 images: batches of 2 + 1 padded
      for (String tap : List.of("conv1", "pool1", "conv2")) {
        float[][] rows = m.activationMatrix(stimuli, tap, null, Progress.NONE);
        assertThat(relativeError(rows, reference.get("dict_" + tap))).as(tap).isLessThan(MAX_RELATIVE_ERROR);
      }
    }
  }

  @Test
  void singleTensorActivationsMethodAndExportToolMatchPyTorch() throws Exception {
    try (DjlBrainModel m = model("tiny_tensor.pt",
        new ModelMetadata(32, null, null, null, List.of("relu1"), null, null, null), 4)) {
      assertThat(relativeError(m.activationMatrix(stimuli, "relu1", null, Progress.NONE),
          reference.get("tensor_output"))).isLessThan(MAX_RELATIVE_ERROR);
    }
    try (DjlBrainModel m = model("tiny_activations.pt", ModelMetadata.EMPTY, 3)) {
      assertThat(relativeError(m.activationMatrix(stimuli, "conv2", null, Progress.NONE),
          reference.get("activations_conv2"))).isLessThan(MAX_RELATIVE_ERROR);
    }
    try (DjlBrainModel m = model("tiny_fx.pt", ModelMetadata.EMPTY, 1)) {
      for (String tap : List.of("relu", "layer1")) {
        assertThat(relativeError(m.activationMatrix(stimuli, tap, null, Progress.NONE),
            reference.get("fx_" + tap))).as(tap).isLessThan(MAX_RELATIVE_ERROR);
      }
    }
  }

  @Test
  void unitSelectionKeepsTheChosenUnitsInOrder() throws Exception {
    try (DjlBrainModel m = model("tiny_dict.pt", ModelMetadata.EMPTY, 2)) {
      LayerShape shape = m.layerShape("conv2");
      int[] units = {shape.unitIndex(7, 15, 15), shape.unitIndex(0, 0, 0), shape.unitIndex(3, 8, 2)};
      float[][] all = m.activationMatrix(stimuli, "conv2", null, Progress.NONE);
      float[][] some = m.activationMatrix(stimuli, "conv2", units, Progress.NONE);
      for (int i = 0; i < stimuli.size(); i++) {
        assertThat(some[i]).containsExactly(all[i][units[0]], all[i][units[1]], all[i][units[2]]);
      }
      assertThatThrownBy(() -> m.activationMatrix(stimuli, "conv2", new int[] {shape.units()}, Progress.NONE))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void streamsBatchesInOrderAndReportsProgress() throws Exception {
    try (DjlBrainModel m = model("tiny_dict.pt", ModelMetadata.EMPTY, 2)) {
      List<Integer> firsts = new ArrayList<>();
      List<Integer> sizes = new ArrayList<>();
      List<Double> fractions = new ArrayList<>();
      m.activations(stimuli, "fc", null, (first, rows) -> {
        firsts.add(first);
        sizes.add(rows.length);
      }, (stage, f) -> fractions.add(f));
      assertThat(firsts).containsExactly(0, 2);
      assertThat(sizes).containsExactly(2, 1);
      assertThat(fractions).isSorted().endsWith(1.0);
    }
  }

  @Test
  void deterministicModelAveragedOverTrialsIsUnchanged() throws Exception {
    try (DjlBrainModel once = model("tiny_dict.pt", ModelMetadata.EMPTY, 3);
         DjlBrainModel thrice = model("tiny_dict.pt",
             new ModelMetadata(null, null, null, null, null, null, 3, null), 3)) {
      float[][] a = once.activationMatrix(stimuli, "conv1", null, Progress.NONE);
      float[][] b = thrice.activationMatrix(stimuli, "conv1", null, Progress.NONE);
      for (int i = 0; i < a.length; i++) {
        for (int j = 0; j < a[i].length; j++) {
          assertThat(b[i][j]).isCloseTo(a[i][j], org.assertj.core.data.Offset.offset(1e-6f * (1 + Math.abs(a[i][j]))));
        }
      }
    }
  }

  @Test
  void stochasticModelIsAveragedOverItsTrials() throws Exception {
    // tiny_stochastic adds N(0,1) noise: the mean over T trials deviates from the noise-free response by ~N(0,1/T)
    Npz.Array clean = reference.get("stochastic_mean");
    double oneTrial;
    try (DjlBrainModel m = model("tiny_stochastic.pt",
        new ModelMetadata(null, null, null, null, null, null, 1, null), 3)) {
      oneTrial = meanAbsoluteError(m.activationMatrix(stimuli, "noisy", null, Progress.NONE), clean);
    }
    try (DjlBrainModel m = model("tiny_stochastic.pt", ModelMetadata.EMPTY, 3)) {
      assertThat(m.contract().trials()).isEqualTo(4); // from extra/striate.json
    }
    double manyTrials;
    try (DjlBrainModel m = model("tiny_stochastic.pt",
        new ModelMetadata(null, null, null, null, null, null, 64, null), 3)) {
      manyTrials = meanAbsoluteError(m.activationMatrix(stimuli, "noisy", null, Progress.NONE), clean);
    }
    // E|N(0,1)| = 0.798; E|N(0,1/64)| = 0.0997
    assertThat(oneTrial).isBetween(0.7, 0.9);
    assertThat(manyTrials).isBetween(0.08, 0.12);
  }

  private static double meanAbsoluteError(float[][] rows, Npz.Array expected) {
    double[] want = expected.values();
    int per = want.length / rows.length;
    double sum = 0;
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < per; j++) sum += Math.abs(rows[i][j] - want[i * per + j]);
    }
    return sum / want.length;
  }

  @Test
  void noArraysOutliveARequest() throws Exception {
    try (DjlBrainModel m = model("tiny_dict.pt", ModelMetadata.EMPTY, 2)) {
      BaseNDManager manager = (BaseNDManager) m.loadedNetworkModelManager();
      m.activationMatrix(stimuli, "conv1", null, Progress.NONE);
      int before = manager.getManagedArrays().size();
      for (int k = 0; k < 5; k++) {
        m.activationMatrix(stimuli, "conv2", null, Progress.NONE);
      }
      assertThat(manager.getManagedArrays()).hasSize(before);
    }
  }

  @Test
  void multipleTapsInOnePass() throws Exception {
    try (DjlBrainModel m = model("tiny_dict.pt", ModelMetadata.EMPTY, 2)) {
      Map<String, float[][]> out = new HashMap<>();
      out.put("conv1", new float[3][]);
      out.put("fc", new float[3][]);
      m.extract(stimuli, List.of("conv1", "fc"), Map.of(), (tap, first, rows) -> {
        for (int i = 0; i < rows.length; i++) out.get(tap)[first + i] = rows[i].clone();
      }, Progress.NONE);
      assertThat(relativeError(out.get("conv1"), reference.get("dict_conv1"))).isLessThan(MAX_RELATIVE_ERROR);
      assertThat(relativeError(out.get("fc"), reference.get("dict_fc"))).isLessThan(MAX_RELATIVE_ERROR);
    }
  }
}
