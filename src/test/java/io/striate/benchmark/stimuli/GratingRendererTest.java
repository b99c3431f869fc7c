package io.striate.benchmark.stimuli;

import static org.assertj.core.api.Assertions.assertThat;

import io.striate.model.RgbImage;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Renderer and field-of-view placement against reference PNGs rendered with numpy and written/cropped with PIL by
 * {@code tools/marques_reference.py} (Brain-Score's {@code Grating} and {@code place_on_screen} formulas).
 */
class GratingRendererTest {
  /** The numpy grids are computed with libm pow; StrictMath.pow may differ by at most one ulp. */
  static final double GRID_RELATIVE_TOLERANCE = 4e-16;

  static JsonNode ref() throws IOException {
    try (InputStream in = GratingRendererTest.class.getResourceAsStream("/fixtures/marques2020/gratings.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  static Raster png(String name) throws IOException {
    try (InputStream in = GratingRendererTest.class.getResourceAsStream("/fixtures/marques2020/" + name)) {
      BufferedImage img = ImageIO.read(in);
      return img.getRaster();
    }
  }

  static Grating grating(JsonNode p) {
    return new Grating(p.get(0).asDouble(), p.get(1).asDouble(), p.get(2).asDouble(), p.get(3).asDouble(),
        p.get(4).asDouble(), p.get(5).asDouble(), p.get(6).asDouble());
  }

  @Test
  void renderedPixelsEqualNumpyReference() throws IOException {
    for (JsonNode g : ref().get("gratings")) {
      GrayImage img = GratingRenderer.render(grating(g.get("params")));
      Raster expected = png(g.get("file").asString());
      assertThat(expected.getWidth()).isEqualTo(672);
      int mismatches = 0;
      for (int y = 0; y < 672; y++) {
        for (int x = 0; x < 672; x++) {
          if (img.value(y, x) != expected.getSample(x, y, 0)) {
            mismatches++;
          }
        }
      }
      assertThat(mismatches).as(g.get("file").asString()).isZero();
    }
  }

  @Test
  void eightDegreeCropEqualsPilCrop() throws IOException {
    for (JsonNode g : ref().get("gratings")) {
      if (g.get("crop8").isNull()) {
        continue;
      }
      Grating grating = grating(g.get("params"));
      Raster expected = png(g.get("crop8").asString());
      RgbImage direct = new GratingStimulusSet("t", java.util.List.of(grating), 8).image(0);
      RgbImage placed = FieldOfView.place(GratingRenderer.render(grating), 12, 8);
      assertThat(direct.width()).isEqualTo(448);
      assertThat(expected.getWidth()).isEqualTo(448);
      for (int y = 0; y < 448; y++) {
        for (int x = 0; x < 448; x++) {
          for (int c = 0; c < 3; c++) {
            int e = expected.getSample(x, y, c);
            assertThat(direct.value(y, x, c)).isEqualTo(e);
            assertThat(placed.value(y, x, c)).isEqualTo(e);
          }
        }
      }
    }
  }

  @Test
  void gridsEqualNumpy() throws IOException {
    JsonNode ref = ref();
    assertGrid(MarquesStimuli.SF, ref.get("sf"));
    assertGrid(MarquesStimuli.RADIUS, ref.get("radius"));
    assertGrid(MarquesStimuli.ORIENTATIONS, ref.get("orientation"));
    assertGrid(MarquesStimuli.PHASES, ref.get("phase"));
  }

  static void assertGrid(double[] actual, JsonNode expected) {
    assertThat(actual).hasSize(expected.size());
    for (int i = 0; i < actual.length; i++) {
      double e = expected.get(i).asDouble();
      assertThat(Math.abs(actual[i] - e)).isLessThanOrEqualTo(GRID_RELATIVE_TOLERANCE * Math.abs(e));
    }
  }

  @Test
  void setSizesAndCanonicalOrder() {
    assertThat(MarquesStimuli.receptiveField()).hasSize(3528);
    assertThat(MarquesStimuli.orientation()).hasSize(1152);
    assertThat(MarquesStimuli.spatialFrequency()).hasSize(2112);
    assertThat(MarquesStimuli.size()).hasSize(2304);
    // orientation set pair order: m outer, sf inner (spec §4.2): 9th pair is m=4, sf[0] -> radius 4/2/0.77111
    Grating g = MarquesStimuli.orientation().get(8 * 96);
    assertThat(g.radius()).isEqualTo(4 / 2.0 / MarquesStimuli.SF[4]);
    assertThat(g.orientation()).isZero();
    assertThat(MarquesStimuli.orientation().get(8).orientation()).isEqualTo(15);
  }

  @Test
  void fieldOfViewPadsWithGrayAndCropsCentrally() {
    GrayImage src = GrayImage.filled(320, 320, 7);
    // 4 deg -> 8 deg: 640 px canvas, source at offset 160 (spec §4.4)
    RgbImage padded = FieldOfView.place(src, 4, 8);
    assertThat(padded.width()).isEqualTo(640);
    assertThat(padded.value(159, 320, 0)).isEqualTo(128);
    assertThat(padded.value(160, 160, 1)).isEqualTo(7);
    assertThat(padded.value(479, 479, 2)).isEqualTo(7);
    assertThat(padded.value(480, 479, 2)).isEqualTo(128);
    // blank: 448 px at 12 deg -> round(298.67) = 299 px at 8 deg
    RgbImage blank = MarquesStimuli.blank(8).image(0);
    assertThat(blank.width()).isEqualTo(299);
    assertThat(blank.value(150, 150, 0)).isEqualTo(128);
    // equal degrees: unchanged
    assertThat(FieldOfView.window(640, 640, 8, 8)).isEqualTo(new FieldOfView.Window(0, 0, 640, 640));
  }
}
