package io.striate.model.preflight;

import io.striate.model.ModelSource;
import io.striate.model.isolation.ModelProcessPool;
import io.striate.model.runtime.RuntimeProperties;

/**
 * The synchronous upload check the API calls before anything is queued. First the cheap checks
 * ({@link PreflightScreen}: not a zip, not TorchScript, too large by declared size or by the spec's memory estimate)
 * in milliseconds; then, holding a slot of a bounded pool ({@link ModelProcessPool}: a full queue answers 503
 * {@code busy} with Retry-After), the model is loaded and run: with {@code striate.runtime.preflight.isolated=true}
 * (the default) in a child JVM ({@link PreflightProcess}), otherwise in this JVM ({@link PreflightCheck}), which is
 * faster but lets a native crash of a malicious or broken model take the process down.
 */
public final class Preflight {
  private final RuntimeProperties properties;
  private final PreflightScreen screen;
  private final java.util.function.Supplier<PreflightCheck> inProcess;
  private final PreflightProcess isolated;
  private final ModelProcessPool pool;

  public Preflight(RuntimeProperties properties, java.util.function.Supplier<PreflightCheck> inProcess, PreflightProcess isolated,
                   ModelProcessPool pool) {
    this.properties = properties;
    this.screen = new PreflightScreen(properties);
    this.inProcess = inProcess;
    this.isolated = isolated;
    this.pool = pool;
  }

  /**
   * @return taps, shapes and estimates of an acceptable model
   * @throws io.striate.model.runtime.InvalidModelException with code, field and hint when it is not acceptable
   * @throws io.striate.problem.ServiceBusyException when all checking processes are busy and the queue is full
   */
  public PreflightResult check(ModelSource source) {
    screen.screen(source);
    return pool.run(() -> properties.preflight().isolated() ? isolated.check(source)
        : inProcess.get().check(source));
  }
}
