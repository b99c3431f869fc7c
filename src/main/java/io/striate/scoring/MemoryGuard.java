package io.striate.scoring;

import io.striate.config.ResidentSet;
import io.striate.config.StriateProperties;
import io.striate.model.runtime.RuntimeProperties;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bounds and measures the memory of running jobs against {@code striate.worker.memory-budget} (the process's
 * resident set, heap and native). Each attempt gets a {@link Watch}: it picks the batch size from the version's
 * preflight measurement ({@link BatchSizing}), samples the resident set every
 * {@code striate.worker.memory-check-interval}, keeps the attempt's peak, and stops the attempt at its next batch
 * once the process is over budget (the job fails as {@code resource-exhausted}, the model is closed), before the
 * kernel's OOM killer would end the process. The peak of a job that runs alone is exact: the kernel's high-water mark
 * ({@code VmHWM}) is reset when it starts; jobs running at the same time share the process, so theirs are the
 * sampled peaks of the whole process while they ran. When the last running job ends the C heap is trimmed
 * ({@code malloc_trim}), so the next job's batch size is fitted to what the process really holds.
 *
 * <p>Memory the process holds but no longer uses — a heap that grew to its {@code -Xmx} on an earlier job and keeps
 * it committed, freed C-heap pages — is not a reason to fail a job: before a job starts with the process above
 * {@link #RECLAIM_FRACTION} of the budget, and before an attempt is stopped for crossing the budget, the guard reclaims
 * it (a full collection, which makes G1 uncommit free heap, then {@code malloc_trim}; at most once per
 * {@link #RECLAIM_GAP_MILLIS}) and measures again. Only memory still resident afterwards stops the attempt.
 */
@Component
class MemoryGuard {
  /** A job starts after a reclaim when the process already holds this fraction of the budget. */
  static final double RECLAIM_FRACTION = 0.75;
  /** The shortest time between two reclaims (a full collection of a few GB takes about a second). */
  static final long RECLAIM_GAP_MILLIS = 10_000;
  private final long budgetBytes;
  private final long intervalMillis;
  private final int configuredBatch;
  private final LongSupplier resident;
  private final LongSupplier highWater;
  private final BooleanSupplier resetHighWater;
  private final Runnable reclaim;
  private final AtomicLong lastReclaim = new AtomicLong(Long.MIN_VALUE / 2);
  private final Set<Watch> active = ConcurrentHashMap.newKeySet();

  @Autowired
  MemoryGuard(StriateProperties properties, RuntimeProperties runtime) {
    this(properties.worker().memoryBudget().toBytes(), properties.worker().memoryCheckInterval().toMillis(),
        runtime.batchSize(), () -> ResidentSet.current().orElse(0), () -> ResidentSet.peak().orElse(0),
        ResidentSet::resetPeak, () -> {
          System.gc(); // G1 shrinks the committed heap after a full collection (MaxHeapFreeRatio)
          ResidentSet.trimNativeHeap();
        });
  }

  MemoryGuard(long budgetBytes, long intervalMillis, int configuredBatch, LongSupplier resident,
              LongSupplier highWater, BooleanSupplier resetHighWater, Runnable reclaim) {
    this.budgetBytes = budgetBytes;
    this.intervalMillis = Math.max(10, intervalMillis);
    this.configuredBatch = configuredBatch;
    this.resident = resident;
    this.highWater = highWater;
    this.resetHighWater = resetHighWater;
    this.reclaim = reclaim;
  }

  /**
   * Reclaims unused heap and C-heap memory when the process holds more than {@code threshold} bytes and the last
   * reclaim is older than {@link #RECLAIM_GAP_MILLIS}; returns the resident set afterwards (or as it was).
   */
  private long reclaimAbove(long threshold) {
    long now = resident.getAsLong();
    long t = System.nanoTime() / 1_000_000;
    long last = lastReclaim.get();
    if (now <= threshold || t - last < RECLAIM_GAP_MILLIS || !lastReclaim.compareAndSet(last, t)) {
      return now;
    }
    reclaim.run();
    long after = resident.getAsLong();
    org.slf4j.LoggerFactory.getLogger(MemoryGuard.class).info("Reclaimed unused memory: resident {} MiB -> {} MiB "
        + "(memory budget {} MiB)", now >> 20, after >> 20, budgetBytes >> 20);
    return after;
  }

  long budgetBytes() {
    return budgetBytes;
  }

  /** Warns once at start when the heap alone may grow past half the budget (no {@code -Xmx} on a large machine). */
  @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
  void checkHeapLimit() {
    long heapMax = Runtime.getRuntime().maxMemory();
    if (budgetBytes > 0 && heapMax != Long.MAX_VALUE && heapMax > budgetBytes / 2) {
      org.slf4j.LoggerFactory.getLogger(MemoryGuard.class).warn("The heap may grow to {} MiB, more than half of the "
          + "worker's memory budget of {} MiB (striate.worker.memory-budget), leaving too little for PyTorch's native "
          + "memory: start the JVM with -Xmx (e.g. -Xmx{}m) or -XX:MaxRAMPercentage=40 in a container",
          heapMax >> 20, budgetBytes >> 20, budgetBytes / 2 >> 20);
    }
  }

  /** Starts watching {@code attempt}: samples on {@code scheduler} until {@link Watch#finish}. */
  Watch watch(Attempt attempt, ScheduledExecutorService scheduler) {
    Watch w = new Watch(attempt);
    synchronized (active) {
      if (active.isEmpty() && budgetBytes > 0) {
        reclaimAbove((long) (budgetBytes * RECLAIM_FRACTION));
      }
      if (active.isEmpty()) {
        w.exact = resetHighWater.getAsBoolean();
      } else {
        active.forEach(other -> other.exact = false);
      }
      active.add(w);
    }
    w.sample();
    w.sampler = scheduler.scheduleWithFixedDelay(w::sample, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    return w;
  }

  /** One attempt's memory: its batch size, its peak, the budget check. */
  final class Watch {
    private final Attempt attempt;
    private volatile boolean exact;
    private volatile long peakBytes;
    private volatile int batchSize;
    private volatile ScheduledFuture<?> sampler;

    private Watch(Attempt attempt) {
      this.attempt = attempt;
      this.batchSize = configuredBatch;
    }

    /**
     * The batch size for the version with {@code metadataJson}: the configured one, or less so that the preflight's
     * measured memory fits the budget ({@code loaded}: the model is already resident).
     *
     * @throws io.striate.problem.ScoringException {@code resource-exhausted} when not even one image fits
     */
    int batchSize(String metadataJson, boolean loaded, JsonMapper json) {
      BatchSizing sizing = BatchSizing.of(metadataJson == null ? null : json.readTree(metadataJson), loaded);
      batchSize = sizing.pick(configuredBatch, budgetBytes, resident.getAsLong());
      return batchSize;
    }

    int batchSize() {
      return batchSize;
    }

    /** The peak resident set seen while the attempt ran, bytes (0 where there is no procfs). */
    long peakBytes() {
      return peakBytes;
    }

    void sample() {
      long now = resident.getAsLong();
      long peak = Math.max(peakBytes, now);
      if (exact) {
        peak = Math.max(peak, highWater.getAsLong());
      }
      peakBytes = peak;
      if (budgetBytes > 0 && now > budgetBytes) {
        now = reclaimAbove(budgetBytes);
      }
      if (budgetBytes > 0 && now > budgetBytes) {
        attempt.stop(Attempt.Stop.OUT_OF_MEMORY, String.format(Locale.ROOT, "resource-exhausted: the worker's "
            + "resident memory reached %d MiB at batch size %d, over its memory budget of %d MiB "
            + "(striate.worker.memory-budget); the job was stopped at its next batch", now >> 20, batchSize,
            budgetBytes >> 20), false);
      }
    }

    /** Stops sampling; returns the attempt's peak. */
    long finish() {
      ScheduledFuture<?> s = sampler;
      if (s != null) {
        s.cancel(false);
      }
      sample();
      active.remove(this);
      if (active.isEmpty()) {
        ResidentSet.trimNativeHeap(); // the job's freed tensors back to the kernel before the next job's sizing
      }
      return peakBytes;
    }
  }
}
