package io.striate.model.spec;

import io.striate.model.ModelSource;
import io.striate.model.Progress;
import io.striate.model.StimulusSet;
import io.striate.model.runtime.CropPlan;
import io.striate.model.runtime.DjlBrainModel;
import io.striate.model.runtime.DjlModelRuntime;
import io.striate.model.runtime.RuntimeProperties;
import io.striate.model.runtime.TestEngine;
import io.striate.model.runtime.UnitSelection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Forward time per image of the full pass against the cropped pass for a property benchmark's kind of unit set
 * (every channel at the 3 × 3 tap positions around the stimulus position (0.5°, 0.5°)), per croppable reference
 * spec, on {@code -Dstriate.bench.images} (default 96) noise images after one warm-up batch each; preprocessing
 * included, stimulus generation not. Run: {@code mvn -o test -Dtest=CropBench -Dsurefire.excludedGroups=gpu}.
 */
@Tag("bench")
class CropBench {
  @Test
  void fullAgainstCropped() {
    DjlModelRuntime runtime = DjlModelRuntime.create(TestEngine.get(), RuntimeProperties.defaults()
        .withBatchSize(Integer.getInteger("striate.bench.batch", 32)));
    int n = Integer.getInteger("striate.bench.images", 96);
    for (String name : CroppedForwardTest.CROPPABLE) {
      String json = ReferenceSpecs.json(name).orElseThrow();
      try (DjlBrainModel model = runtime.load(new ModelSource(0, name, ModelSource.Kind.BLOCK_SPEC, null, json,
          "{}"))) {
        String tap = model.contract().v1LayerOrDefault();
        int[] units = UnitSelection.windowAt(model.layerShape(tap), 0.5625, 0.5625, 1);
        CropPlan plan = model.cropPlan(tap, units);
        StimulusSet warm = CroppedForwardTest.randomImages(model.contract().inputSize(), model.batchSize());
        StimulusSet images = CroppedForwardTest.randomImages(model.contract().inputSize(), n);
        full(model, warm, tap, units);
        long t0 = System.nanoTime();
        full(model, images, tap, units);
        double fullMs = (System.nanoTime() - t0) / 1e6 / n;
        model.activationMatrix(warm, tap, units, Progress.NONE);
        long t1 = System.nanoTime();
        model.activationMatrix(images, tap, units, Progress.NONE);
        double cropMs = (System.nanoTime() - t1) / 1e6 / n;
        System.out.printf("%-22s %d units, crop %dx%d of %d: full %.2f ms/image, cropped %.2f ms/image, %.1fx%n",
            name, units.length, plan.height(), plan.width(), model.contract().inputSize(), fullMs, cropMs,
            fullMs / cropMs);
      }
    }
  }

  private static void full(DjlBrainModel model, StimulusSet images, String tap, int[] units) {
    model.extract(images, List.of(tap), Map.of(tap, units), (t, first, rows) -> { }, Progress.NONE);
  }
}
