package io.striate.model.preflight;

import io.striate.model.ModelSource;
import io.striate.model.runtime.RuntimeProperties;

/**
 * The synchronous upload check the API calls before anything is queued. With
 * {@code striate.runtime.preflight.isolated=true} (the default) the model is loaded and run in a child JVM
 * ({@link PreflightProcess}); otherwise in this JVM ({@link PreflightCheck}), which is faster but lets a native crash
 * of a malicious or broken model take the process down.
 */
public final class Preflight {
  private final RuntimeProperties properties;
  private final PreflightCheck inProcess;
  private final PreflightProcess isolated;

  public Preflight(RuntimeProperties properties, PreflightCheck inProcess, PreflightProcess isolated) {
    this.properties = properties;
    this.inProcess = inProcess;
    this.isolated = isolated;
  }

  /**
   * @return taps, shapes and estimates of an acceptable model
   * @throws io.striate.model.runtime.InvalidModelException with code, field and hint when it is not acceptable
   */
  public PreflightResult check(ModelSource source) {
    return properties.preflight().isolated() ? isolated.check(source) : inProcess.check(source);
  }
}
