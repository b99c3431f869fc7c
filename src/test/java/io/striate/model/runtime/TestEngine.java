package io.striate.model.runtime;

/** One {@link InferenceEngine} per test JVM (the PyTorch engine starts once per process anyway). */
public final class TestEngine {
  private static InferenceEngine engine;

  private TestEngine() {
  }

  public static synchronized InferenceEngine get() {
    if (engine == null) {
      engine = new InferenceEngine(new RuntimeProperties("cpu", 2, 0, 32, RuntimeProperties.Preflight.defaults(),
          RuntimeProperties.Export.defaults()));
    }
    return engine;
  }
}
