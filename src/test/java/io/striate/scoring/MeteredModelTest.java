package io.striate.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.striate.model.ActivationSink;
import io.striate.model.BrainModel;
import io.striate.model.LayerShape;
import io.striate.model.ModelContract;
import io.striate.model.Progress;
import io.striate.model.RgbImage;
import io.striate.model.StimulusSet;
import org.junit.jupiter.api.Test;

class MeteredModelTest {
  /** A model that spends 2 ms per image itself and reads each image (whose generation takes 20 ms). */
  private static final class SlowModel implements BrainModel {
    @Override
    public ModelContract contract() {
      return null;
    }

    @Override
    public LayerShape layerShape(String layer) {
      return null;
    }

    @Override
    public void activations(StimulusSet stimuli, String layer, int[] units, ActivationSink sink, Progress progress) {
      for (int i = 0; i < stimuli.size(); i++) {
        stimuli.image(i);
        sleep(2);
        sink.accept(i, new float[][] {{i}});
      }
    }

    @Override
    public void close() {
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static StimulusSet slowImages(int n) {
    return new StimulusSet() {
      @Override
      public int size() {
        return n;
      }

      @Override
      public String id(int index) {
        return "s" + index;
      }

      @Override
      public RgbImage image(int index) {
        sleep(20);
        return new RgbImage(1, 1, new byte[3]);
      }
    };
  }

  @Test
  void countsComputedImagesAndTheirRateWithoutTheStimulusTime() {
    MeteredModel m = new MeteredModel(new SlowModel());
    assertThat(m.imagesPerSecond()).isNull();
    float[][] out = m.activationMatrix(slowImages(10), "t", null, Progress.NONE);
    assertThat(out).hasNumberOfRows(10);
    assertThat(m.images()).isEqualTo(10);
    // 2 ms per image of model time at most 500 images/s; with the 20 ms stimuli counted it would be under 46
    assertThat(m.imagesPerSecond()).isBetween(100.0, 500.0);
  }
}
