package io.striate.model.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.pytorch.jni.JniUtils;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThreadCalibrationTest {
  @Test
  void candidatesArePowersOfTwoBelowTheCoresAndTheCores() {
    assertThat(ThreadCalibration.candidates(1)).containsExactly(1);
    assertThat(ThreadCalibration.candidates(2)).containsExactly(1, 2);
    assertThat(ThreadCalibration.candidates(6)).containsExactly(1, 2, 4, 6);
    assertThat(ThreadCalibration.candidates(16)).containsExactly(1, 2, 4, 8, 16);
  }

  @Test
  void theSmallestCountWithinTheTieOfTheFastestWins() {
    var t = List.of(new ThreadCalibration.Trial(1, 10), new ThreadCalibration.Trial(2, 19),
        new ThreadCalibration.Trial(4, 19.5), new ThreadCalibration.Trial(8, 15));
    assertThat(ThreadCalibration.choose(t)).isEqualTo(2); // 19 ≥ 19.5 × 0.95
    assertThat(ThreadCalibration.choose(List.of(new ThreadCalibration.Trial(1, 5)))).isEqualTo(1);
  }

  /**
   * On the real engine: the count is set in libtorch before each candidate's passes (the pass reads it back) and the
   * chosen one stays set afterwards. The pass is made fastest at 2 threads by sleeping less there.
   */
  @Test
  void theEngineRunsEachCandidateAtItsCountAndKeepsTheChosenOne() {
    InferenceEngine engine = TestEngine.get();
    int before = engine.call(JniUtils::getNumThreads);
    try {
      ThreadCalibration c = ThreadCalibration.measure(engine, 4, () -> {
        int threads = JniUtils.getNumThreads();
        try {
          Thread.sleep(threads == 2 ? 5 : 40);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return 4;
      });
      assertThat(c.trials()).extracting(ThreadCalibration.Trial::threads).containsExactly(1, 2, 4);
      assertThat(c.chosen()).isEqualTo(2);
      for (int i = 0; i < 2 * engine.threads(); i++) {
        assertThat(engine.call(JniUtils::getNumThreads)).as("every inference thread").isEqualTo(2);
      }
      assertThat(c.toString()).startsWith("2 (1: ");
    } finally {
      engine.intraOpThreads(before);
    }
  }

  @Test
  void aFixedCountOrAGpuIsNotCalibrated() {
    // the test JVM fixes -Dai.djl.pytorch.num_threads=1 (pom.xml)
    assertThat(System.getProperty("ai.djl.pytorch.num_threads")).isEqualTo("1");
    assertThat(ThreadCalibration.wanted(RuntimeProperties.defaults(), TestEngine.get())).isFalse();
  }
}
