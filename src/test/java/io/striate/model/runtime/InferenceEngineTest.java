package io.striate.model.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Device choice and the grad-free inference threads. */
class InferenceEngineTest {
  @Test
  void autoPicksTheFirstGpuWhenThereIsOne() {
    assertThat(InferenceEngine.chooseDevice("auto", 0)).isEqualTo(Device.cpu());
    assertThat(InferenceEngine.chooseDevice("auto", 2)).isEqualTo(Device.gpu(0));
    assertThat(InferenceEngine.chooseDevice(null, 1)).isEqualTo(Device.gpu(0));
  }

  @Test
  void configurationOverridesTheChoice() {
    assertThat(InferenceEngine.chooseDevice("cpu", 4)).isEqualTo(Device.cpu());
    assertThat(InferenceEngine.chooseDevice("GPU", 1)).isEqualTo(Device.gpu(0));
    assertThat(InferenceEngine.chooseDevice("gpu1", 2)).isEqualTo(Device.gpu(1));
    assertThatThrownBy(() -> InferenceEngine.chooseDevice("gpu", 0)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> InferenceEngine.chooseDevice("tpu", 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void inferenceThreadsRunWithAutogradOff() throws Exception {
    InferenceEngine engine = TestEngine.get();
    assertThat(engine.call(JniUtils::isGradMode)).isFalse();
    // a plain new thread has PyTorch's default (grad on): the thread factory is what switches it off
    assertThat(CompletableFuture.supplyAsync(JniUtils::isGradMode, r -> new Thread(r).start()).get()).isTrue();
  }
}
