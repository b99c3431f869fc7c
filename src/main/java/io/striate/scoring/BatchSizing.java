package io.striate.scoring;

import io.striate.problem.FailureKind;
import io.striate.problem.ScoringException;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Picks a job's batch size from the memory its version's preflight measured, so that the forward passes fit the
 * worker's memory budget. With {@code m} the resident-set growth the preflight measured for one forward pass at
 * batch {@code b} ({@code metadata.preflight.measuredBatchBytes} at {@code measuredBatchSize}; where it was not
 * measured, the estimate {@code 2 · activationBytesPerImage} per image), one image costs {@code p = m / b} (an upper
 * bound: it carries the pass's fixed cost too), and a batch of {@code B} is predicted to need
 * {@code fixed + SAFETY · B · p}, where {@code fixed} is the parameters' size when the model still has to be loaded.
 * The batch size is the largest {@code B ≤ configured} whose prediction fits the headroom
 * {@code budget − resident now}; when not even {@code B = 1} fits, the job fails as {@code resource-exhausted}.
 * {@code configured} is first lowered to the preflight's calibrated fastest batch size
 * ({@code metadata.preflight.fastestBatchSize}) when it has one: a larger batch would not be faster, only larger.
 *
 * @param perImageBytes predicted bytes per image of a forward pass, or null when the version has no preflight report
 * @param fixedBytes    bytes needed before the first image (the parameters, when the model is not loaded yet)
 * @param basis         how {@code perImageBytes} was obtained, for messages
 * @param fastest       the preflight's calibrated fastest batch size, or null
 */
record BatchSizing(Long perImageBytes, long fixedBytes, String basis, Integer fastest) {
  /** Margin on the preflight's measurement: the allocator's fragmentation and the scorer's own arrays. */
  static final double SAFETY = 1.5;

  /** The prediction for a version's {@code metadata} (its {@code preflight} report); {@code loaded}: no load cost. */
  static BatchSizing of(JsonNode metadata, boolean loaded) {
    JsonNode report = metadata == null ? null : metadata.path("preflight");
    if (report == null || !report.isObject()) {
      return new BatchSizing(null, 0, "no preflight report", null);
    }
    long parameters = loaded ? 0 : Math.max(0, report.path("parameterBytes").asLong(0));
    int calibrated = report.path("fastestBatchSize").asInt(0);
    Integer fastest = calibrated > 0 ? calibrated : null;
    JsonNode measured = report.path("measuredBatchBytes");
    int batch = report.path("measuredBatchSize").asInt(0);
    if (measured.isNumber() && measured.asLong() > 0 && batch > 0) {
      long perImage = Math.max(1, (measured.asLong() + batch - 1) / batch);
      return new BatchSizing(perImage, parameters, String.format(Locale.ROOT,
          "the preflight measured %d MiB for a forward pass of %d", measured.asLong() >> 20, batch), fastest);
    }
    long activations = report.path("activationBytesPerImage").asLong(0);
    if (activations > 0) {
      return new BatchSizing(2 * activations, parameters, String.format(Locale.ROOT,
          "estimated from the preflight's tap shapes, 2 × %d KiB per image", activations >> 10), fastest);
    }
    return new BatchSizing(null, parameters, "no memory figure in the preflight report", fastest);
  }

  /** Predicted bytes of forward passes at {@code batch}. */
  long predictedBytes(int batch) {
    return perImageBytes == null ? fixedBytes : fixedBytes + (long) Math.ceil(SAFETY * batch * perImageBytes);
  }

  /**
   * The largest batch size up to {@code configured} (and the preflight's fastest) that fits {@code headroomBytes}; {@code configured} when there
   * is no prediction or no budget ({@code budgetBytes <= 0}).
   *
   * @throws ScoringException {@code resource-exhausted} when not even one image fits
   */
  int pick(int configured, long budgetBytes, long residentBytes) {
    if (fastest != null) {
      configured = Math.min(configured, fastest);
    }
    if (budgetBytes <= 0 || perImageBytes == null) {
      return configured;
    }
    long headroom = budgetBytes - residentBytes;
    long room = headroom - fixedBytes;
    long fit = room <= 0 ? 0 : (long) Math.floor(room / (SAFETY * perImageBytes));
    if (fit < 1) {
      throw new ScoringException(FailureKind.RESOURCE_EXHAUSTED, String.format(Locale.ROOT,
          "resource-exhausted: a forward pass of one image is predicted to need %d MiB (%s, × %.1f margin%s), but "
              + "this worker has %d MiB left of its memory budget of %d MiB (resident now %d MiB); raise "
              + "striate.worker.memory-budget or run the job on a larger worker",
          predictedBytes(1) >> 20, basis, SAFETY, fixedBytes > 0 ? ", plus " + (fixedBytes >> 20)
              + " MiB of parameters" : "", Math.max(0, headroom) >> 20, budgetBytes >> 20, residentBytes >> 20));
    }
    return (int) Math.min(configured, fit);
  }
}
