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

  @Test
  void theVerifiedBlockReadEqualsAFullReadInCountAndChecksum() throws IOException {
    for (Path file : new Path[] {uncompressed(tmp), DatasetStoreTest.fixture("bs_compressed.nc")}) {
      StimulusSetCsv csv = StimulusSetCsv.read(DatasetStoreTest.fixture("bs_stimuli.csv"));
      NetcdfFile.ReadCheck check = BrainIoAssemblyReader.readChecked(file, "lab.bs", "V1", 50, 200, csv.ids(),
          csv.columns()).check();
      try (NetcdfFile nc = NetcdfFile.open(file)) {
        var data = nc.dataVariable(3);
        double[] full = NetcdfFile.flatten(data.getData(), data.getSize());
        long checksum = 0;
        for (double v : full) {
          checksum += NetcdfFile.mix(v);
        }
        assertThat(check.elements()).isEqualTo(full.length).isEqualTo(expected().get("elements").asLong());
        assertThat(check.checksum()).isEqualTo(checksum);
      }
      assertThat(check.verification()).isIn("whole-chunk read", "contiguous bytes");
    }
  }

  @Test
  void reportsTheStorageItRead() throws IOException {
    StimulusSetCsv csv = StimulusSetCsv.read(DatasetStoreTest.fixture("bs_stimuli.csv"));
    var packed = BrainIoAssemblyReader.readChecked(DatasetStoreTest.fixture("bs_compressed.nc"), "lab.bs", "V1", 50,
        200, csv.ids(), csv.columns()).check();
    assertThat(packed.storage()).startsWith("chunked 300x10x150").contains("deflate").contains("shuffle");
    var plain = BrainIoAssemblyReader.readChecked(uncompressed(tmp), "lab.bs", "V1", 50, 200, csv.ids(),
        csv.columns()).check();
    assertThat(plain.storage()).isEqualTo("contiguous");
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
}
