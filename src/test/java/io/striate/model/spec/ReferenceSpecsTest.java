package io.striate.model.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.striate.model.LayerShape;
import io.striate.model.ModelSource;
import io.striate.model.RgbImage;
import io.striate.model.runtime.DjlBrainModel;
import io.striate.model.runtime.DjlModelRuntime;
import io.striate.model.runtime.ListStimuli;
import io.striate.model.runtime.RuntimeProperties;
import io.striate.model.runtime.TestEngine;
import io.striate.model.Progress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every shipped spec validates, compiles, runs, and has taps of at least 25 units. */
class ReferenceSpecsTest {
  @Test
  void everyReferenceSpecLoadsAndRuns() {
    DjlModelRuntime runtime = DjlModelRuntime.create(TestEngine.get(), RuntimeProperties.defaults().withBatchSize(2));
    for (String name : ReferenceSpecs.NAMES) {
      String json = ReferenceSpecs.json(name).orElseThrow();
      try (DjlBrainModel model = runtime.load(new ModelSource(1, name, ModelSource.Kind.BLOCK_SPEC, null, json, "{}"))) {
        for (String tap : model.contract().candidateLayers()) {
          assertThat(model.layerShape(tap).units()).as(name + " " + tap).isGreaterThanOrEqualTo(25);
        }
        byte[] grey = new byte[40 * 40 * 3];
        java.util.Arrays.fill(grey, (byte) 128);
        float[][] rows = model.activationMatrix(new ListStimuli(List.of(new RgbImage(40, 40, grey))),
            model.contract().v1LayerOrDefault(), null, Progress.NONE);
        assertThat(rows[0]).as(name).hasSize(model.layerShape(model.contract().v1LayerOrDefault()).units());
      }
    }
  }

  @Test
  void pixelsIsTheNormalisedImage() {
    DjlModelRuntime runtime = DjlModelRuntime.create(TestEngine.get(), RuntimeProperties.defaults());
    String json = ReferenceSpecs.json("pixels").orElseThrow();
    try (DjlBrainModel model = runtime.load(new ModelSource(1, "p", ModelSource.Kind.BLOCK_SPEC, null, json, "{}"))) {
      assertThat(model.layerShape("pixels")).isEqualTo(new LayerShape(3, 224, 224));
      byte[] rgb = new byte[224 * 224 * 3];
      rgb[0] = (byte) 255; // red of the top-left pixel
      float[][] rows = model.activationMatrix(new ListStimuli(List.of(new RgbImage(224, 224, rgb))), "pixels", null,
          Progress.NONE);
      assertThat(rows[0][0]).isEqualTo(1f);
      assertThat(rows[0][224 * 224]).isEqualTo(0f); // green plane
    }
  }
}
