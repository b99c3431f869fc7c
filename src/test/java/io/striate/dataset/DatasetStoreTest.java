package io.striate.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Importer tests on the tiny BrainIO-format fixture written by tools/predictivity_brainio_fixture.py (xarray). */
class DatasetStoreTest {
  private static final double EXACT = 1e-12;

  @TempDir
  Path data;

  static Path fixture(String name) {
    try {
      return Path.of(DatasetStoreTest.class.getResource("/fixtures/predictivity/brainio/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private DatasetStore.BrainIoImport request(String assembly, Map<String, String> sums) {
    return new DatasetStore.BrainIoImport("lab.test.public", fixture(assembly), fixture("stimuli.csv"),
        fixture("stimuli.zip"), "V1", 50, 200, 4.0, sums);
  }

  @Test
  void importsABrainIoAssemblyWithItsStimulusSet() {
    DatasetStore store = new DatasetStore(data);
    DatasetManifest m = store.importBrainIo(request("assembly.nc", Map.of()));
    assertThat(m.stimuli()).isEqualTo(6);
    assertThat(m.neuroids()).isEqualTo(3);        // n0, n1, n3 are V1; n2 is V2
    assertThat(m.presentations()).isEqualTo(18);
    assertThat(store.list()).extracting(DatasetManifest::id).containsExactly("lab.test.public");
    RecordingSet set = store.load("lab.test.public").orElseThrow();
    NeuralRecordings r = set.recordings();
    assertThat(r.neuroidIds()).containsExactly("n0", "n1", "n3");
    assertThat(r.column("texture_type")).containsExactly("texture", "noise", "texture", "noise", "texture", "noise");
    // bins [50,100) [100,150) [150,200) lie in 50–200 ms: mean of time bins 1..3 (xarray values, checked in python:
    // da.isel(presentation=0, neuroid=0, time_bin=slice(1,4)).mean() = 1.6666666666666667; presentation 7, neuroid 3: 2.0)
    assertThat(r.responses()[0].length).isEqualTo(3);
    assertThat(r.responses()[0][0]).isCloseTo(1.6666666666666667, within(EXACT));
    assertThat(r.responses()[7][2]).isCloseTo(2.0, within(EXACT));
    assertThat(set.stimuli().image(5).value(0, 0, 0)).isEqualTo(200);   // gray PNG value 40·5, no gamma
    assertThat(set.visualDegrees()).isCloseTo(4.0, within(EXACT));
  }

  @Test
  void readsAxesStoredInAnotherOrder() {
    DatasetStore store = new DatasetStore(data);
    store.importBrainIo(request("assembly_transposed.nc", Map.of()));
    NeuralRecordings r = store.load("lab.test.public").orElseThrow().recordings();
    // same xarray values as assembly.nc, stored neuroid × time_bin × presentation
    assertThat(r.responses()[0][0]).isCloseTo(1.6666666666666667, within(EXACT));
    assertThat(r.responses()[7][2]).isCloseTo(2.0, within(EXACT));
  }

  @Test
  void rejectsAWrongChecksumAndLeavesNothingBehind() throws IOException {
    DatasetStore store = new DatasetStore(data);
    assertThatThrownBy(() -> store.importBrainIo(request("assembly.nc", Map.of("assembly", "0".repeat(40)))))
        .isInstanceOfSatisfying(DatasetException.class, e -> {
          assertThat(e.code()).isEqualTo(DatasetException.CHECKSUM_MISMATCH);
          assertThat(e.field()).isEqualTo("assembly");
        });
    assertThat(store.list()).isEmpty();
    try (Stream<Path> left = Files.list(data.resolve("datasets"))) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void namesTheMissingVariable() {
    DatasetStore store = new DatasetStore(data);
    assertThatThrownBy(() -> store.importBrainIo(request("assembly_no_repetition.nc", Map.of())))
        .isInstanceOfSatisfying(DatasetException.class, e -> {
          assertThat(e.code()).isEqualTo(DatasetException.MISSING_VARIABLE);
          assertThat(e.field()).isEqualTo("repetition");
        });
    assertThat(store.load("lab.test.public")).isEmpty();
  }

  @Test
  void openFormatWithMismatchedStimulusIdsIsRejected(@TempDir Path tmp) throws IOException {
    Path good = tmp.resolve("good.csv");
    StringBuilder sb = new StringBuilder("stimulus_id,repetition,unitA,unitB\n");
    for (int rep = 0; rep < 2; rep++) {
      for (int s = 0; s < 6; s++) {
        sb.append("img").append(s).append(',').append(rep).append(',').append(s + rep).append(",1.5\n");
      }
    }
    Files.writeString(good, sb.toString());
    Path bad = tmp.resolve("bad.csv");
    Files.writeString(bad, "stimulus_id,repetition,unitA\nimg99,0,1.0\n");
    DatasetStore store = new DatasetStore(data);
    assertThatThrownBy(() -> store.importOpen("lab.open", bad, fixture("stimuli.csv"), fixture("stimuli.zip"), "V1",
        4.0)).isInstanceOfSatisfying(DatasetException.class, e -> {
          assertThat(e.code()).isEqualTo(DatasetException.STIMULUS_MISMATCH);
          assertThat(e.field()).isEqualTo("img99");
        });
    DatasetManifest m = store.importOpen("lab.open", good, fixture("stimuli.csv"), fixture("stimuli.zip"), "V1", 4.0);
    assertThat(m.presentations()).isEqualTo(12);
    assertThat(store.load("lab.open").orElseThrow().recordings().repetitionAveraged()[3][0])
        .isCloseTo(3.5, within(EXACT));
    assertThatThrownBy(() -> store.importOpen("lab.open", good, fixture("stimuli.csv"), fixture("stimuli.zip"), "V1",
        4.0)).isInstanceOfSatisfying(DatasetException.class,
            e -> assertThat(e.code()).isEqualTo(DatasetException.DUPLICATE));
  }
}
