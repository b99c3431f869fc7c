package io.striate.benchmark.marques2020;

import static org.assertj.core.api.Assertions.assertThat;

import io.striate.model.ActivationSink;
import io.striate.model.BrainModel;
import io.striate.model.LayerShape;
import io.striate.model.ModelContract;
import io.striate.model.Progress;
import io.striate.model.StimulusSet;
import io.striate.model.cache.ActivationStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RF mapping's unit selection kept in the activation store: a second session over a fresh wrapper of the same
 * model reads the selection and runs no forward pass on the blank or the 3528-image RF set, whose raw responses are
 * never written; other mapping parameters (here a spatial candidate window) are another key.
 */
class StoredSelectionTest {
  private static final long BOUND = 1L << 34;

  @TempDir
  Path dir;

  /** The Gabor test model, recording the size of every stimulus set it runs. */
  static final class Recording implements BrainModel {
    final TestModels.Gabor model = new TestModels.Gabor();
    final List<Integer> passes = new ArrayList<>();

    @Override
    public ModelContract contract() {
      return model.contract();
    }

    @Override
    public LayerShape layerShape(String layer) {
      return model.layerShape(layer);
    }

    @Override
    public void activations(StimulusSet stimuli, String layer, int[] units, ActivationSink sink, Progress progress) {
      passes.add(stimuli.size());
      model.activations(stimuli, layer, units, sink, progress);
    }

    @Override
    public void close() {
    }
  }

  private List<Path> files(String suffix) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(suffix)).toList();
    }
  }

  @Test
  void aSecondSessionReadsTheSelectionInsteadOfMappingAgain() throws IOException {
    Recording model = new Recording();
    ActivationStore store = ActivationStore.at(dir, BOUND);
    PhysiologySession first = new PhysiologySession(store.wrap(model, "gabor"), PhysiologySettings.DEFAULTS);
    PhysiologySession.Selection mapped = first.selection(Progress.NONE);
    assertThat(model.passes).containsExactly(1, 3528);
    assertThat(mapped.units()).hasSize(48);
    assertThat(files(".res")).hasSize(1);
    assertThat(files(".act")).as("the RF set's and the candidates' blank responses are not stored raw").isEmpty();
    FiringRateMap affine = first.affine(Progress.NONE);
    assertThat(files(".act")).hasSize(2); // orientation set and blank, of the 48 selected units

    List<String> stages = new ArrayList<>();
    PhysiologySession second = new PhysiologySession(store.wrap(model, "gabor"), PhysiologySettings.DEFAULTS);
    PhysiologySession.Selection read = second.selection((stage, f) -> stages.add(stage));
    assertThat(read.candidates()).isEqualTo(mapped.candidates());
    assertThat(read.units()).isEqualTo(mapped.units());
    assertThat(read.centres()).isDeepEqualTo(mapped.centres());
    assertThat(stages).containsExactly("receptive fields: stored");
    assertThat(second.affine(Progress.NONE)).isEqualTo(affine);
    assertThat(model.passes).as("no forward pass in the second session").hasSize(2 + 2);
    assertThat(second.timings().forwardSource()).isEqualTo("cached");

    // a spatial candidate window maps other units: another key, mapped afresh
    PhysiologySession windowed = new PhysiologySession(store.wrap(model, "gabor"),
        new PhysiologySettings(100, 0.3, 0L));
    PhysiologySession.Selection small = windowed.selection(Progress.NONE);
    assertThat(small.candidates()).isLessThan(mapped.candidates());
    assertThat(model.passes.subList(4, model.passes.size())).containsExactly(1, 3528);
    assertThat(files(".res")).hasSize(2);
    // and another model identity never sees this one's selection
    new PhysiologySession(store.wrap(model, "gabor-b"), PhysiologySettings.DEFAULTS).selection(Progress.NONE);
    assertThat(model.passes.subList(6, model.passes.size())).containsExactly(1, 3528);
  }

  @Test
  void encodingRoundTripsAndRejectsAnotherCandidateSet() {
    PhysiologySession.Selection s = new PhysiologySession.Selection(500, new int[] {3, 70, 499},
        new double[][] {{0.5, 0.4}, {0.45, 0.61}, {0.123456789012345, 0.6}});
    byte[] bytes = ReceptiveFieldMapper.encode(s);
    PhysiologySession.Selection back = ReceptiveFieldMapper.decode(bytes, 500);
    assertThat(back.candidates()).isEqualTo(500);
    assertThat(back.units()).isEqualTo(s.units());
    assertThat(back.centres()).isDeepEqualTo(s.centres());
    assertThat(ReceptiveFieldMapper.decode(bytes, 501)).isNull();
    assertThat(ReceptiveFieldMapper.decode(java.util.Arrays.copyOf(bytes, bytes.length - 1), 500)).isNull();
    assertThat(ReceptiveFieldMapper.decode(new byte[0], 500)).isNull();
    assertThat(ReceptiveFieldMapper.DERIVATION).contains("code ").contains("delta 0.15");
  }
}
