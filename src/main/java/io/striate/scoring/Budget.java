package io.striate.scoring;

import io.striate.config.StriateProperties;
import java.time.Duration;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wall-clock budget of a scoring job's model execution. A forward pass of {@code n} images (one
 * {@code activations} call) may take {@code factor × growth^(attempt−1) × n × m} milliseconds, where {@code m} is
 * the preflight's measured ms/image of the version, clamped to {@code [minimum, ceiling]}; the whole job may take
 * {@code ceiling}. A version without a preflight timing gets the ceiling.
 *
 * <p>The preflight timed the model on another machine at another moment; a worker on a loaded machine can be
 * hundreds of times slower with a healthy model. So an attempt that overruns the derived budget while its forward
 * pass still delivers images is retried with a {@code growth}× larger budget ({@link Overrun#retryable()}); a
 * forward pass that delivered no image within its budget (a model that spins on real images), the last attempt,
 * and the ceiling fail the job as {@code invalid-model} (too-slow).
 *
 * @param factor                  the budget factor of this attempt (the configured factor × growth^(attempt−1))
 * @param preflightMillisPerImage the version's {@code metadata.preflight.millisPerImage}, or null
 * @param finalAttempt            whether a failure of this attempt is final (no retry is left)
 */
record Budget(double factor, Duration minimum, Duration ceiling, Double preflightMillisPerImage, boolean finalAttempt) {

  /** Why an attempt is over its budget, and whether a retry with a larger budget is worth it. */
  record Overrun(String message, boolean retryable) {
  }

  static Budget of(StriateProperties.Worker settings, String metadataJson, JsonMapper json, int attempt,
                   int maxAttempts) {
    Double ms = null;
    if (metadataJson != null) {
      JsonNode node = json.readTree(metadataJson).path("preflight").path("millisPerImage");
      if (node.isNumber() && node.asDouble() > 0) {
        ms = node.asDouble();
      }
    }
    double factor = settings.budgetFactor() * Math.pow(settings.budgetGrowth(), Math.max(0, attempt - 1));
    return new Budget(factor, settings.budgetMinimum(), settings.budgetCeiling(), ms, attempt >= maxAttempts);
  }

  /** Seconds allowed for a forward pass of {@code images} images. */
  double forwardSeconds(int images) {
    double ceilingSeconds = ceiling.toMillis() / 1000.0;
    if (preflightMillisPerImage == null) {
      return ceilingSeconds;
    }
    double derived = factor * images * preflightMillisPerImage / 1000.0;
    return Math.min(ceilingSeconds, Math.max(minimum.toMillis() / 1000.0, derived));
  }

  Forward start(int images) {
    return new Forward(images, System.nanoTime(), forwardSeconds(images));
  }

  /** Why {@code attempt} is over budget now, or null when it is within it. */
  Overrun overrun(Attempt attempt) {
    double ceilingSeconds = ceiling.toMillis() / 1000.0;
    if (attempt.elapsedSeconds() > ceilingSeconds) {
      return new Overrun(String.format(Locale.ROOT, "too-slow: the job ran %.0f s, over the ceiling of %.0f s "
          + "(striate.worker.budget-ceiling)", attempt.elapsedSeconds(), ceilingSeconds), false);
    }
    Forward f = attempt.forward();
    if (f == null || f.elapsedSeconds() <= f.budgetSeconds()) {
      return null;
    }
    int done = f.done();
    String rate = done == 0 ? "no image finished" : String.format(Locale.ROOT, "%.1f ms/image measured",
        1000 * f.elapsedSeconds() / done);
    String derivation = preflightMillisPerImage == null ? "the ceiling, the version has no preflight timing"
        : String.format(Locale.ROOT, "%.0f × %d images × %.2f ms/image measured by the preflight, within [%d s, %d s]",
            factor, f.images(), preflightMillisPerImage, minimum.toSeconds(), ceiling.toSeconds());
    boolean atCeiling = f.budgetSeconds() >= ceilingSeconds;
    return new Overrun(String.format(Locale.ROOT, "too-slow: %d of %d images in %.1f s (%s); the budget was %.1f s (%s)",
        done, f.images(), f.elapsedSeconds(), rate, f.budgetSeconds(), derivation),
        done > 0 && !finalAttempt && !atCeiling);
  }

  /** One running forward pass (an {@code activations} call) and the images it delivered so far. */
  static final class Forward {
    private final int images;
    private final long startNanos;
    private final double budgetSeconds;
    private volatile int done;
    private final java.util.concurrent.atomic.AtomicLong excludedNanos = new java.util.concurrent.atomic.AtomicLong();

    Forward(int images, long startNanos, double budgetSeconds) {
      this.images = images;
      this.startNanos = startNanos;
      this.budgetSeconds = budgetSeconds;
    }

    int images() {
      return images;
    }

    double budgetSeconds() {
      return budgetSeconds;
    }

    /** Seconds spent in the forward pass, less the time spent producing its stimuli. */
    double elapsedSeconds() {
      return (System.nanoTime() - startNanos - excludedNanos.get()) / 1e9;
    }

    void excluded(long nanos) {
      excludedNanos.addAndGet(nanos);
    }

    int done() {
      return done;
    }

    void delivered(int upTo) {
      done = Math.max(done, upTo);
    }
  }
}
