package io.striate.model.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.striate.model.ModelSource;
import io.striate.model.Progress;
import io.striate.model.RgbImage;
import io.striate.model.StimulusSet;
import io.striate.model.runtime.CropPlan;
import io.striate.model.runtime.CropSupport;
import io.striate.model.runtime.DjlBrainModel;
import io.striate.model.runtime.DjlModelRuntime;
import io.striate.model.runtime.InputSupport;
import io.striate.model.runtime.RuntimeProperties;
import io.striate.model.runtime.TestEngine;
import io.striate.model.runtime.UnitSelection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Computing only what is read: for every shipped reference spec, the responses of a few units of its V1 tap from
 * the cropped pass ({@link CropPlan}) equal those of the full pass on the whole input (the reference: the same
 * network on the uncropped image), on seeded random images and a uniform one; for units near the stimulus position
 * (0.5°, 0.5°) and at the image's corners, where the crop must reproduce the image's own padding. Specs with a
 * layer that has no finite, position-independent support (cortical magnification, locally connected, residual
 * ResNets) have no supports and run the full pass.
 */
class CroppedForwardTest {
  /** Largest |cropped − full| / max(1, |full|): float32 sums in another order inside the convolution kernels. */
  static final double CROP_TOLERANCE = 1e-5;
  /** Reference specs whose every layer up to the last tap has a support. */
  static final List<String> CROPPABLE = List.of("pixels", "vone-v1", "random-gabor", "center-surround",
      "tuned-normalization");

  @Test
  void supportsComposeStridesPaddingsAndKernels() {
    // center-surround v1: conv 7/2/3, bn, relu, maxpool 3/2/1, dog 5/1/2, relu
    BlockSpec spec = new BlockSpecValidator().parse(ReferenceSpecs.json("center-surround").orElseThrow());
    CropSupport support = SpecSupport.of(spec).support();
    InputSupport v1 = support.tap("v1");
    assertThat(v1.jump()).isEqualTo(4);
    assertThat(v1.offset()).isEqualTo(-3 - 2 * 1 - 4 * 2);
    assertThat(v1.extent()).isEqualTo(7 + 2 * 2 + 4 * 4);
    assertThat(v1.outputSize(224)).isEqualTo(56);
    InputSupport pool1 = support.tap("pool1");
    assertThat(List.of(pool1.jump(), pool1.offset(), pool1.extent())).containsExactly(4, -5, 11);
  }

  @Test
  void everyReferenceSpecEitherCropsExactlyOrFallsBack() {
    DjlModelRuntime runtime = DjlModelRuntime.create(TestEngine.get(), RuntimeProperties.defaults());
    List<String> report = new ArrayList<>();
    for (String name : ReferenceSpecs.NAMES) {
      String json = ReferenceSpecs.json(name).orElseThrow();
      SpecSupport.Result support = SpecSupport.of(new BlockSpecValidator().parse(json));
      if (!CROPPABLE.contains(name)) {
        assertThat(support.support()).as(name).isNull();
        report.add(name + ": full pass, " + support.fallback());
        continue;
      }
      assertThat(support.support()).as(name + ": " + support.fallback()).isNotNull();
      try (DjlBrainModel model = runtime.load(new ModelSource(0, name, ModelSource.Kind.BLOCK_SPEC, null, json,
          "{}"), 4)) {
        report.add(name + ": " + compare(model));
      }
    }
    report.forEach(System.out::println);
  }

  /** Cropped against full on the units near the stimulus and at two corners; returns what it measured. */
  private static String compare(DjlBrainModel model) {
    String tap = model.contract().v1LayerOrDefault();
    var shape = model.layerShape(tap);
    StimulusSet images = randomImages(model.contract().inputSize(), 5);
    double worst = 0;
    StringBuilder crops = new StringBuilder();
    for (double[] at : new double[][] {{0.5625, 0.5625}, {0, 0}, {1, 1}}) {
      int[] units = UnitSelection.windowAt(shape, at[0], at[1], 1);
      CropPlan plan = model.cropPlan(tap, units);
      assertThat(plan).as(tap + " at " + at[0]).isNotNull();
      float[][] cropped = model.activationMatrix(images, tap, units, Progress.NONE);
      float[][] full = new float[images.size()][];
      model.extract(images, List.of(tap), Map.of(tap, units), (t, first, rows) -> {
        for (int i = 0; i < rows.length; i++) {
          full[first + i] = rows[i].clone();
        }
      }, Progress.NONE);
      for (int s = 0; s < full.length; s++) {
        for (int u = 0; u < units.length; u++) {
          double d = Math.abs(cropped[s][u] - full[s][u]) / Math.max(1, Math.abs(full[s][u]));
          worst = Math.max(worst, d);
        }
      }
      crops.append(String.format(" %dx%d", plan.height(), plan.width()));
    }
    assertThat(worst).as(tap).isLessThanOrEqualTo(CROP_TOLERANCE);
    return String.format("crops%s of %d px, largest relative difference %.3g", crops, model.contract().inputSize(),
        worst);
  }

  /** {@code n − 1} seeded uniform-noise images and one uniform gray image. */
  static StimulusSet randomImages(int size, int n) {
    return new StimulusSet() {
      @Override
      public int size() {
        return n;
      }

      @Override
      public String id(int index) {
        return "noise-" + index;
      }

      @Override
      public RgbImage image(int index) {
        byte[] rgb = new byte[size * size * 3];
        if (index == n - 1) {
          java.util.Arrays.fill(rgb, (byte) 128);
        } else {
          new Random(index).nextBytes(rgb);
        }
        return new RgbImage(size, size, rgb);
      }
    };
  }
}
