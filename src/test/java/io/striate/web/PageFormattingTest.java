package io.striate.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Link safety, the colour scale, the empty-histogram sentences and the SVG plots, without a server. */
class PageFormattingTest {
  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void onlyHttpAndHttpsLinksSurvive() {
    assertThat(WebFormat.safeUrl("https://arxiv.org/abs/2006.0")).isEqualTo("https://arxiv.org/abs/2006.0");
    assertThat(WebFormat.safeUrl("HTTP://example.org")).isEqualTo("HTTP://example.org");
    assertThat(WebFormat.safeUrl("javascript:alert(1)")).isNull();
    assertThat(WebFormat.safeUrl(" JaVaScRiPt:alert(1)")).isNull();
    assertThat(WebFormat.safeUrl("data:text/html,<script>")).isNull();
    assertThat(WebFormat.safeUrl("//evil.example/x")).isNull();
    assertThat(WebFormat.safeUrl("https:///nohost")).isNull();
    assertThat(WebFormat.safeUrl(null)).isNull();
  }

  /** The page's number formatting against the JDK's Formatter ({@code %.3f}, {@code %.4f}), on seeded values. */
  @Test
  void fixedDecimalsPrintWhatStringFormatPrints() {
    java.util.Random random = new java.util.Random(11);
    List<Double> values = new java.util.ArrayList<>(List.of(0.0, 1.0, 0.0005, 0.0015, 0.12345, 0.99995, 1e-9, 12.5,
        0.1 + 0.2, 2.0 / 3));
    for (int i = 0; i < 20_000; i++) {
      values.add(random.nextDouble());
      values.add(Math.round(random.nextDouble() * 10_000) / 10_000.0 + 0.00005);
    }
    for (double v : values) {
      assertThat(WebFormat.fixed(v, 3)).as("%s", v).isEqualTo(String.format(java.util.Locale.ROOT, "%.3f", v));
      assertThat(WebFormat.fixed(v, 4)).as("%s", v).isEqualTo(String.format(java.util.Locale.ROOT, "%.4f", v));
    }
  }

  @Test
  void cellsAreColouredFromTheColumnMinimumToItsMaximum() {
    assertThat(WebFormat.colour(0.2, 0.2, 0.6)).isEqualTo("c0");
    assertThat(WebFormat.colour(0.6, 0.2, 0.6)).isEqualTo("c10");
    assertThat(WebFormat.colour(0.4, 0.2, 0.6)).isEqualTo("c5");
    assertThat(WebFormat.colour(0.7, 0.7, 0.7)).as("one distinct value: by the value on [0, 1]").isEqualTo("c7");
    assertThat(WebFormat.colour(null, 0, 1)).isEqualTo("na");
  }

  @Test
  void anEmptyModelHistogramSaysWhy() {
    PropertyEvidence.Axis deg = new PropertyEvidence.Axis("log2", "deg");
    double[] bins = {0.0625, 0.125, 0.25, 0.5, 1, 2, 4, 8, 16};
    assertThat(PropertyEvidence.sentence(details("[0,0,0,0,0,0,0,0]", 105, "[40, 41, 144]"), bins, deg))
        .contains("all 3 measurable values", "outside the primate bins [0.063, 16] deg", "40 to 144");
    assertThat(PropertyEvidence.sentence(details("[0,0,0,0,0,0,0,0]", 105, "[null, null]"), bins, deg))
        .contains("no selected unit had a measurable", "105 units");
    assertThat(PropertyEvidence.sentence(details("[0,0,0,0,0,0,0,0]", 0, "[]"), bins, deg))
        .contains("no model unit passed the response threshold");
    assertThat(PropertyEvidence.sentence(details("[0,0,7,0,0,0,0,0]", 7, "[0.3]"), bins, deg))
        .contains("Degenerate", "all 7 model units fall in one bin", "[0.25, 0.5)");
    assertThat(PropertyEvidence.sentence(details("[0,1,7,0,0,0,0,0]", 8, "[0.3]"), bins, deg)).isNull();
  }

  @Test
  void histogramsHaveAxesTitlesUnitsALegendAndALogScaleWhenAsked() {
    String svg = Plots.histogram("peak SF <b>", "peak spatial frequency (cycles/deg)", new double[] {0.5, 1, 2, 4},
        true, List.of(new Plots.Series("model", "model", new double[] {1, 2, 1}),
            new Plots.Series("primate", "data", new double[] {0, 3, 1})));
    assertThat(svg).contains("class=\"axis\"", "peak spatial frequency (cycles/deg) (log scale)",
        "fraction of cells", "role=\"img\"", "aria-label=\"peak SF &lt;b&gt;\"", "class=\"model\"", "class=\"data\"");
    assertThat(svg).doesNotContain("<b>", "style=");
    // on a log axis the bins 0.5-1, 1-2, 2-4 are equally wide
    assertThat(Plots.histogram("t", "x", new double[] {0.5, 1, 2, 4}, true, List.of(new Plots.Series("m", "model",
        new double[] {1, 1, 1})))).contains("width=\"119.0\"").doesNotContain("(log scale)".repeat(2));
  }

  private JsonNode details(String counts, int passing, String values) {
    return json.readTree("{\"property\": \"grating_summation_field\", \"model_counts\": " + counts
        + ", \"units_passing_threshold\": " + passing + ", \"units_mapped\": 150, \"units_in_rf\": 120, "
        + "\"values\": " + values + "}");
  }
}
