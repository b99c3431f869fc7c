package io.striate.model.runtime;

import io.striate.model.ModelSource;
import io.striate.model.RgbImage;
import io.striate.model.StimulusSet;
import io.striate.model.spec.ReferenceSpecs;
import io.striate.model.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Peak resident memory (VmHWM) while extracting 10,000 generated 256×256 images through the {@code pixels} spec at
 * 224 px (150,528 units per image, batch 32), against the peak after the first 2,000 images of the same run: streaming
 * must keep memory flat in the number of images. Run:
 * {@code mvn -o -q test -Dtest=ExtractionMemoryBench -Dsurefire.excludedGroups=gpu}.
 */
@Tag("bench")
class ExtractionMemoryBench {
  private static final int IMAGES = 10_000;
  private static final int EARLY = 2000;

  @Test
  void peakRssIsFlatInTheNumberOfImages() throws IOException {
    DjlModelRuntime runtime = DjlModelRuntime.create(TestEngine.get(), RuntimeProperties.defaults());
    String json = ReferenceSpecs.json("pixels").orElseThrow();
    try (DjlBrainModel model = runtime.load(new ModelSource(1, "p", ModelSource.Kind.BLOCK_SPEC, null, json, "{}"))) {
      long[] early = new long[1];
      double[] checksum = new double[1];
      long t0 = System.nanoTime();
      model.extract(generated(IMAGES), List.of("pixels"), Map.of(), (tap, first, rows) -> {
        for (float[] row : rows) checksum[0] += row[row.length / 2];
        if (first + rows.length >= EARLY && early[0] == 0) early[0] = peakRssKb();
        if ((first / rows.length) % 60 == 0) {
          Runtime rt = Runtime.getRuntime();
          System.out.printf("  %5d images: RSS %d MiB, JVM heap committed %d MiB%n", first, rssKb("VmRSS:") >> 10,
              rt.totalMemory() >> 20);
        }
      }, Progress.NONE);
      double seconds = (System.nanoTime() - t0) / 1e9;
      long end = peakRssKb();
      System.out.printf("%nExtraction of %d images (pixels spec, 224 px, batch %d): %.1f img/s%n", IMAGES,
          model.batchSize(), IMAGES / seconds);
      System.out.printf("  peak RSS after %d images: %d MiB, after %d images: %d MiB, ratio %.3f (checksum %.1f)%n",
          EARLY, early[0] >> 10, IMAGES, end >> 10, (double) end / early[0], checksum[0]);
    }
  }

  private static StimulusSet generated(int n) {
    return new StimulusSet() {
      @Override
      public int size() {
        return n;
      }

      @Override
      public String id(int index) {
        return "g" + index;
      }

      @Override
      public RgbImage image(int index) {
        byte[] rgb = new byte[256 * 256 * 3];
        new Random(index).nextBytes(rgb);
        return new RgbImage(256, 256, rgb);
      }
    };
  }

  static long peakRssKb() {
    return rssKb("VmHWM:");
  }

  static long rssKb(String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(key)) return Long.parseLong(line.replaceAll("\\D", ""));
      }
    } catch (IOException e) {
      return -1;
    }
    return -1;
  }
}
