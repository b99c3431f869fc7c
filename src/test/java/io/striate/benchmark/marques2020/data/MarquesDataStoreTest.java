package io.striate.benchmark.marques2020.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.striate.benchmark.marques2020.PropertyDistribution;
import io.striate.model.StimulusSet;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Importer on fixtures written by {@code tools/marques_reference.py} in Brain-Score's formats: a PropertyAssembly
 * saved by xarray to netCDF4, and a BrainIO-style csv + zip of PNGs; expected values from {@code importer.json}.
 */
class MarquesDataStoreTest {
  static final double EXACT = 0;

  @TempDir
  Path dataDir;

  static Path fixture(String name) throws URISyntaxException {
    return Path.of(MarquesDataStoreTest.class.getResource("/fixtures/marques2020/" + name).toURI());
  }

  static JsonNode meta() throws IOException {
    try (InputStream in = MarquesDataStoreTest.class.getResourceAsStream("/fixtures/marques2020/importer.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  MarquesDataStore store(JsonNode meta) {
    return new MarquesDataStore(dataDir, Map.of(
        MarquesDataStore.RINGACH + ".nc", meta.get("assembly").get("sha1").asString(),
        MarquesDataStore.FREEMAN_ZIEMBA + ".nc", "0000",
        MarquesDataStore.TEXTURES + ".csv", meta.get("textures").get("csv_sha1").asString(),
        MarquesDataStore.TEXTURES + ".zip", meta.get("textures").get("zip_sha1").asString()));
  }

  @Test
  void readsBrainScoresCompressedPropertyAssemblyAsTheUncompressedOne() throws Exception {
    PropertyAssembly plain = PropertyAssemblyReader.read("p", "x", fixture("property_assembly.nc"));
    PropertyAssembly packed = PropertyAssemblyReader.read("p", "x", fixture("property_assembly_compressed.nc"));
    assertThat(packed.properties()).isEqualTo(plain.properties());
    assertThat(packed.values().length).isEqualTo(plain.values().length);
    for (int i = 0; i < plain.values().length; i++) {
      assertThat(java.util.Arrays.equals(packed.values()[i], plain.values()[i])).as("row " + i).isTrue();
    }
    for (String p : plain.properties()) {
      // the committed uncompressed fixture was written by another numpy: logspace differs in the last bit
      double[] expected = plain.bins().get(p);
      assertThat(packed.bins().get(p)).hasSize(expected.length);
      for (int i = 0; i < expected.length; i++) {
        assertThat(packed.bins().get(p)[i]).isCloseTo(expected[i], within(1e-13 * Math.abs(expected[i])));
      }
    }
  }

  @Test
  void importsNetcdfPropertyAssembly() throws Exception {
    JsonNode meta = meta();
    MarquesDataStore store = store(meta);
    assertThat(store.assembly(MarquesDataStore.RINGACH)).isEmpty();
    PropertyAssembly a = store.importAssembly(MarquesDataStore.RINGACH, fixture("property_assembly.nc"));
    assertThat(a.properties()).containsExactly("circular_variance", "bandwidth", "max_dc");
    JsonNode values = meta.get("assembly").get("values");
    for (int i = 0; i < values.size(); i++) {
      for (int k = 0; k < 3; k++) {
        JsonNode v = values.get(i).get(k);
        if (v.isNull()) {
          assertThat(a.values()[i][k]).isNaN();
        } else {
          assertThat(a.values()[i][k]).isEqualTo(v.asDouble());
        }
      }
    }
    PropertyDistribution bw = a.distribution("bandwidth");
    assertThat(bw.rows()).isEqualTo(6);
    JsonNode bins = meta.get("assembly").get("bins").get("bandwidth");
    assertThat(bw.bins()).hasSize(bins.size());
    for (int i = 0; i < bins.size(); i++) {
      assertThat(bw.bins()[i]).isEqualTo(bins.get(i).asDouble());
    }
    assertThat(Files.exists(dataDir.resolve("marques2020/shapley.Ringach2002.nc"))).isTrue();
    // a fresh store over the same directory finds the import
    assertThat(store(meta).assembly(MarquesDataStore.RINGACH)).isPresent();
  }

  @Test
  void rejectsWrongSha1() throws Exception {
    MarquesDataStore official = new MarquesDataStore(dataDir);
    assertThatThrownBy(() -> official.importAssembly(MarquesDataStore.RINGACH, fixture("property_assembly.nc")))
        .isInstanceOfSatisfying(MarquesDataException.class,
            e -> assertThat(e.code()).isEqualTo(MarquesDataException.SHA1_MISMATCH));
    assertThat(official.assembly(MarquesDataStore.RINGACH)).isEmpty();
    assertThat(official.howTo(MarquesDataStore.RINGACH)).contains("0f3e19140bd9f930109879a38e574471d9576cf5");
  }

  @Test
  void importsTextureStimulusSetSortedByTypeFamilySample() throws Exception {
    JsonNode meta = meta();
    MarquesDataStore store = store(meta);
    TextureStimuli t = store.importTextureStimuli(fixture("texture_stimuli.csv"), fixture("texture_stimuli.zip"));
    // fixture rows: tex/60, noise/60, tex/56, noise/56 -> sorted: noise(type 1) fam 1 (60), noise fam 2 (56), tex..
    assertThat(t.entries()).extracting(TextureStimuli.Entry::type).containsExactly(1, 1, 2, 2);
    assertThat(t.entries()).extracting(TextureStimuli.Entry::family).containsExactly(1, 2, 1, 2);
    StimulusSet placed = t.placed(8);
    assertThat(placed.size()).isEqualTo(4);
    for (int i = 0; i < 4; i++) {
      String file = t.entries().get(i).file();
      JsonNode probe = null;
      for (JsonNode p : meta.get("textures").get("probe_pixels")) {
        if (p.get("file").asString().equals(file)) {
          probe = p;
        }
      }
      assertThat(probe).isNotNull();
      assertThat(placed.image(i).value(0, 0, 0)).isEqualTo(probe.get("p00").asInt());
      assertThat(placed.image(i).value(320, 321, 2)).isEqualTo(probe.get("p320_321").asInt());
    }
  }
}
