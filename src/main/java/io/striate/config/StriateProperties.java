package io.striate.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * All of Striate's settings, bound from {@code striate.*} (application.yml, environment variables such as
 * {@code STRIATE_STORAGE_DIR}, or command-line flags).
 *
 * @param roles      which roles this process plays: {@code api}, {@code worker}, or both (default)
 * @param adminToken bootstrap admin token ({@code STRIATE_ADMIN_TOKEN}); when empty one is generated and printed
 *                   once at the first start
 * @param storage    where artifacts, imported datasets and the embedded database live
 * @param limits     upload and request limits
 * @param worker     scoring-worker settings
 * @param scoring    how submissions are turned into jobs
 */
@ConfigurationProperties("striate")
public record StriateProperties(
    @DefaultValue({"api", "worker"}) Set<String> roles,
    String adminToken,
    @DefaultValue Storage storage,
    @DefaultValue Limits limits,
    @DefaultValue Worker worker,
    @DefaultValue Scoring scoring) {

  public boolean isWorker() {
    return roles.contains("worker");
  }

  public boolean isApi() {
    return roles.contains("api");
  }

  /**
   * @param dir root directory: {@code artifacts/}, {@code datasets/} and (embedded mode) {@code postgres/}
   */
  public record Storage(@DefaultValue("./data") Path dir) {
    public Path artifacts() {
      return dir.resolve("artifacts");
    }

    public Path postgres() {
      return dir.resolve("postgres");
    }
  }

  /**
   * @param maxUploadSize      largest accepted artifact
   * @param requestsPerMinute  per-token rate limit for authenticated requests (0 disables)
   * @param maxSpecSize        largest accepted block-spec JSON
   */
  public record Limits(
      @DefaultValue("2GB") DataSize maxUploadSize,
      @DefaultValue("600") int requestsPerMinute,
      @DefaultValue("1MB") DataSize maxSpecSize) {
  }

  /**
   * @param layerSelectionBenchmark the benchmark whose per-layer sweep commits a version's V1 layer (Brain-Score
   *                                selects it on the public FreemanZiemba2013 split); when it is available, a
   *                                version without a pinned layer is swept before its other V1 benchmarks run
   * @param anyoneMaySubmit         whether any submit token may queue scoring of someone else's public model;
   *                                false (the default): only the model's owner or an administrator
   */
  public record Scoring(@DefaultValue("FreemanZiemba2013public.V1-pls") String layerSelectionBenchmark,
                        @DefaultValue("false") boolean anyoneMaySubmit) {
  }

  /**
   * @param concurrency    jobs run at once by this process
   * @param lease          how long a claimed job stays owned without a heartbeat
   * @param heartbeat      how often a running job renews its lease and reports progress
   * @param pollInterval   how often an idle worker looks for work
   * @param maxAttempts    attempts before a job fails for good (transient failures and lost leases)
   * @param retryBackoff   delay before the first retry; doubled for each further attempt
   * @param reapInterval   how often expired leases are returned to the queue
   */
  public record Worker(
      @DefaultValue("1") int concurrency,
      @DefaultValue("60s") Duration lease,
      @DefaultValue("10s") Duration heartbeat,
      @DefaultValue("1s") Duration pollInterval,
      @DefaultValue("3") int maxAttempts,
      @DefaultValue("30s") Duration retryBackoff,
      @DefaultValue("5s") Duration reapInterval) {
  }
}
