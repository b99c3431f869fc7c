package io.striate.submission;

import io.striate.benchmark.Benchmark;
import io.striate.benchmark.BenchmarkRegistry;
import io.striate.model.catalog.ModelVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a submission will cost before it is queued: per benchmark the images its experiment shows the model and
 * {@code images × millisPerImage} (the upload preflight's measured forward pass, trials included, on the checking
 * machine), and which requested benchmarks are unavailable and why. Model-loading time, the shared
 * receptive-field mapping of the Marques suite and metric time are not included: the estimate is a lower bound.
 */
@Component
class SubmissionEstimates {
  private final BenchmarkRegistry benchmarks;
  private final JsonMapper json;

  SubmissionEstimates(BenchmarkRegistry benchmarks, JsonMapper json) {
    this.benchmarks = benchmarks;
    this.json = json;
  }

  /**
   * @param status         {@code queued} (a job will run), {@code already-scored} or {@code unavailable}
   * @param images         images shown by this benchmark's experiment, null when not known
   * @param estimatedSeconds images × ms per image / 1000, null when either is unknown
   * @param reason         why the benchmark is unavailable, and how to install its data
   */
  record Estimate(String benchmarkId, String status, Integer images, Double estimatedSeconds, String reason) {
  }

  /** The whole submission: totals over the benchmarks that will run (null when any part is unknown). */
  record Estimates(Double millisPerImage, Integer totalImages, Double totalSeconds, List<Estimate> benchmarks) {
  }

  Estimates estimate(ModelVersion version, List<String> toRun, List<String> alreadyScored,
                     Map<String, String> unavailable) {
    Double millis = millisPerImage(version);
    List<Estimate> out = new ArrayList<>();
    boolean complete = true;
    int totalImages = 0;
    for (String id : toRun) {
      OptionalInt images = benchmarks.find(id).map(Benchmark::imageCount).orElse(OptionalInt.empty());
      Integer n = images.isPresent() ? images.getAsInt() : null;
      Double seconds = n == null || millis == null ? null : n * millis / 1000.0;
      complete &= seconds != null;
      totalImages += n == null ? 0 : n;
      out.add(new Estimate(id, "queued", n, seconds, null));
    }
    alreadyScored.forEach(id -> out.add(new Estimate(id, "already-scored", null, null, null)));
    unavailable.forEach((id, reason) -> out.add(new Estimate(id, "unavailable", null, null, reason)));
    Double totalSeconds = complete && millis != null ? totalImages * millis / 1000.0 : null;
    return new Estimates(millis, complete ? totalImages : null, totalSeconds, out);
  }

  private Double millisPerImage(ModelVersion version) {
    JsonNode meta = json.readTree(version.getMetadata() == null ? "{}" : version.getMetadata());
    JsonNode ms = meta.path("preflight").path("millisPerImage");
    return ms.isNumber() ? ms.asDouble() : null;
  }
}
