package io.striate.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One recording set written by xarray as Brain-Score's {@code write_netcdf} writes it, compressed (zlib + shuffle,
 * netCDF-C's default 2 × 2 × 2 chunks) and uncompressed (contiguous), read identically and equal to the sums numpy
 * computed when it wrote them ({@code bs_expected.json}, tools/predictivity_brainio_fixture.py).
 */
class BrainIoStorageTest {
  /** numpy and Java average the same 150 integers in a different order. */
  private static final double SUM_TOLERANCE = 1e-9;

  @TempDir
  Path tmp;

  static Path uncompressed(Path dir) {
    Path out = dir.resolve("bs_uncompressed.nc");
    try (InputStream in = new GZIPInputStream(Files.newInputStream(DatasetStoreTest.fixture("bs_uncompressed.nc.gz")))) {
      Files.copy(in, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static JsonNode expected() throws IOException {
    return JsonMapper.builder().build().readTree(DatasetStoreTest.fixture("bs_expected.json").toFile());
  }

  static NeuralRecordings read(Path assembly) {
    StimulusSetCsv csv = StimulusSetCsv.read(DatasetStoreTest.fixture("bs_stimuli.csv"));
    return BrainIoAssemblyReader.read(assembly, "lab.bs", "V1", 50, 200, csv.ids(), csv.columns());
  }

  @Test
  void compressedAndUncompressedReadIdenticallyAndAsNumpyWroteThem() throws IOException {
    JsonNode e = expected();
    assertThat(e.get("compressed_chunksizes").size()).isEqualTo(3);
    NeuralRecordings plain = read(uncompressed(tmp));
    NeuralRecordings packed = read(DatasetStoreTest.fixture("bs_compressed.nc"));
    System.out.println("MISREAD-PROBE plain " + sum(plain.responses()) + " packed " + sum(packed.responses()) + " expected " + e.get("sum_window_v1").asDouble() + " differing " + countDiff(plain, packed) + " of " + plain.responses().length * plain.neuroids() + " nanNeuroids " + nanNeuroids(packed));
    for (NeuralRecordings r : new NeuralRecordings[] {plain, packed}) {
      assertThat(r.responses().length).isEqualTo(e.get("presentations").asInt());
      assertThat(r.neuroids()).isEqualTo(e.get("neuroids").asInt());
      assertThat(sum(r.responses())).isCloseTo(e.get("sum_window_v1").asDouble(), within(SUM_TOLERANCE));
      for (int j = 0; j < r.neuroids(); j++) {
        assertThat(r.responses()[0][j]).isCloseTo(e.get("window_v1_first_row").get(j).asDouble(),
            within(SUM_TOLERANCE));
        assertThat(r.responses()[r.responses().length - 1][j])
            .isCloseTo(e.get("window_v1_last_row").get(j).asDouble(), within(SUM_TOLERANCE));
      }
    }
    int differing = 0;
    for (int p = 0; p < plain.responses().length; p++) {
      for (int j = 0; j < plain.neuroids(); j++) {
        differing += Double.compare(plain.responses()[p][j], packed.responses()[p][j]) != 0 ? 1 : 0;
      }
    }
    assertThat(differing).as("values that differ between the compressed and uncompressed read").isZero();
  }

  private static double sum(double[][] m) {
    double s = 0;
    for (double[] row : m) {
      for (double v : row) {
        s += v;
      }
    }
    return s;
  }

  static int countDiff(NeuralRecordings a, NeuralRecordings b) {
    int d = 0;
    for (int p = 0; p < a.responses().length; p++) {
      for (int j = 0; j < a.neuroids(); j++) {
        d += Double.compare(a.responses()[p][j], b.responses()[p][j]) != 0 ? 1 : 0;
      }
    }
    return d;
  }

  static int nanNeuroids(NeuralRecordings r) {
    int n = 0;
    for (int j = 0; j < r.neuroids(); j++) {
      boolean allZero = true;
      for (double[] row : r.responses()) {
        allZero &= row[j] == 0;
      }
      n += allZero ? 1 : 0;
    }
    return n;
  }
}
