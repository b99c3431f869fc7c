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
 * @param webhooks   outgoing event notifications
 */
@ConfigurationProperties("striate")
public record StriateProperties(
    @DefaultValue({"api", "worker"}) Set<String> roles,
    String adminToken,
    @DefaultValue Storage storage,
    @DefaultValue Limits limits,
    @DefaultValue Worker worker,
    @DefaultValue Scoring scoring,
    @DefaultValue Webhooks webhooks) {

  /** The roles a process can play. */
  public static final Set<String> ROLES = Set.of("api", "worker");

  public StriateProperties {
    if (roles.isEmpty() || !ROLES.containsAll(roles)) {
      throw new IllegalArgumentException("striate.roles must be api, worker or both, not " + roles);
    }
  }

  public boolean isWorker() {
    return roles.contains("worker");
  }

  public boolean isApi() {
    return roles.contains("api");
  }

  /**
   * @param dir       root directory: {@code artifacts/}, {@code datasets/} and (embedded mode) {@code postgres/}
   * @param artifacts where artifacts live: {@code filesystem} (under {@code dir}) or {@code s3} (an S3-compatible
   *                  bucket, with {@code dir/artifacts} as the local cache the runtime loads models from)
   * @param s3        the bucket when {@code artifacts=s3}
   * @param activations the store of computed tap responses under {@code dir/activations}
   */
  public record Storage(@DefaultValue("./data") Path dir, @DefaultValue("filesystem") ArtifactBackend artifacts,
                        @DefaultValue S3 s3, @DefaultValue Activations activations) {
    public Path artifactsDir() {
      return dir.resolve("artifacts");
    }

    /** Where the activation store keeps its entries. */
    public Path activationsDir() {
      return dir.resolve("activations");
    }

    public Path postgres() {
      return dir.resolve("postgres");
    }
  }

  /**
   * The activation store: a model version's tap responses to a stimulus set, kept on disk so that retries, re-runs,
   * new benchmark versions and the layer sweep read them instead of running the forward pass again.
   *
   * @param enabled whether workers read and write the store
   * @param maxSize bound of the store on disk; least recently used entries are evicted beyond it (an entry larger
   *                than the bound is not stored)
   */
  public record Activations(@DefaultValue("true") boolean enabled, @DefaultValue("4GB") DataSize maxSize) {
  }

  /** Where committed artifacts are kept. */
  public enum ArtifactBackend { FILESYSTEM, S3 }

  /**
   * An S3-compatible bucket for artifacts (AWS S3, MinIO, Ceph RGW, ...). Keys are content addresses:
   * {@code <prefix>/<first two hex>/<sha-256>}.
   *
   * @param endpoint  endpoint URL; empty means AWS's regional endpoint
   * @param bucket    bucket name (must exist)
   * @param region    signing region
   * @param accessKey access key id; empty means the AWS default credential chain (env, profile, IRSA)
   * @param secretKey secret access key
   * @param pathStyle path-style addressing ({@code endpoint/bucket/key}), needed by most non-AWS servers
   * @param prefix    key prefix
   * @param partSize  multipart part size (S3's minimum is 5 MB): uploads stream from the staged file one part at
   *                  a time, never whole
   */
  public record S3(String endpoint, String bucket, @DefaultValue("us-east-1") String region, String accessKey,
                   String secretKey, @DefaultValue("false") boolean pathStyle,
                   @DefaultValue("artifacts") String prefix, @DefaultValue("16MB") DataSize partSize) {
  }

  /**
   * @param maxUploadSize      largest accepted artifact
   * @param requestsPerMinute  per-token rate limit for authenticated requests (0 disables)
   * @param maxSpecSize        largest accepted block-spec JSON
   * @param submissionsPerDay  per-owner submissions per UTC day (0, the default, disables the quota); requests
   *                           refused by validation do not count
   * @param maxWait            longest {@code ?wait=} of a long poll on a submission
   */
  public record Limits(
      @DefaultValue("2GB") DataSize maxUploadSize,
      @DefaultValue("600") int requestsPerMinute,
      @DefaultValue("1MB") DataSize maxSpecSize,
      @DefaultValue("0") int submissionsPerDay,
      @DefaultValue("120s") Duration maxWait) {
  }

  /**
   * @param allowPrivateTargets deliver to loopback, private (RFC 1918, fc00::/7, 100.64/10) and link-local
   *                            addresses; off by default so that webhooks cannot reach internal services (SSRF)
   * @param maxAttempts         delivery attempts before a delivery is marked failed
   * @param initialBackoff      delay before the second attempt; doubled for each further one
   * @param timeout             connect + response timeout of one attempt
   * @param pollInterval        how often new events are fanned out and due deliveries sent
   */
  public record Webhooks(
      @DefaultValue("false") boolean allowPrivateTargets,
      @DefaultValue("6") int maxAttempts,
      @DefaultValue("10s") Duration initialBackoff,
      @DefaultValue("10s") Duration timeout,
      @DefaultValue("1s") Duration pollInterval) {
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
   * @param heartbeat      how often a running job renews its lease, reports progress and checks its budget
   * @param pollInterval   the slow fallback: how often an idle worker looks for work when no notification arrives
   *                       (idle workers wait on PostgreSQL {@code LISTEN striate_jobs} and wake when a job is queued)
   * @param maxAttempts    attempts before a job fails for good (transient failures and lost leases)
   * @param retryBackoff   delay before the first retry; doubled for each further attempt
   * @param reapInterval   how often expired leases are returned to the queue
   * @param maxLostLeases  a job whose lease expired this many times (its model crashed or hung the worker each time)
   *                       is quarantined: failed as {@code invalid-model}, never claimed again (3, like
   *                       {@code maxAttempts}: two unrelated worker deaths — a node lost, an operator's kill -9 —
   *                       during one job must not quarantine a healthy model)
   * @param budgetFactor   a forward pass of {@code n} images may take {@code factor × n × preflight ms/image}
   * @param budgetGrowth   each retry of a job that overran its budget while still making progress gets this many
   *                       times the previous attempt's budget (the worker may be slower than the preflight's machine)
   * @param budgetMinimum  ... but never less than this (start-up, JIT, a loaded machine)
   * @param budgetCeiling  ... and never more; also the limit of a whole job, and the budget of versions without a
   *                       preflight timing
   * @param shutdownGrace  on shutdown a running job may finish within this time; then it is released to the queue
   * @param memoryBudget   resident memory (heap and native, Linux {@code VmRSS}) this process may use while scoring;
   *                       the worker picks each job's batch size so that the version's preflight-measured memory
   *                       fits, fails a job that cannot fit even at batch size 1, and stops a job whose process
   *                       crosses it, all as {@code resource-exhausted}; 0 disables the checks
   * @param memoryCheckInterval how often a running job's resident memory is sampled (its peak and the budget)
   */
  public record Worker(
      @DefaultValue("1") int concurrency,
      @DefaultValue("60s") Duration lease,
      @DefaultValue("10s") Duration heartbeat,
      @DefaultValue("30s") Duration pollInterval,
      @DefaultValue("3") int maxAttempts,
      @DefaultValue("30s") Duration retryBackoff,
      @DefaultValue("5s") Duration reapInterval,
      @DefaultValue("3") int maxLostLeases,
      @DefaultValue("20") double budgetFactor,
      @DefaultValue("10") double budgetGrowth,
      @DefaultValue("60s") Duration budgetMinimum,
      @DefaultValue("2h") Duration budgetCeiling,
      @DefaultValue("20s") Duration shutdownGrace,
      @DefaultValue("4GB") DataSize memoryBudget,
      @DefaultValue("250ms") Duration memoryCheckInterval) {
  }
}
