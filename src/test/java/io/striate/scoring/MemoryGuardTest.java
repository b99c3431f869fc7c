package io.striate.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryGuardTest {
  private static final long MIB = 1L << 20;
  private final AtomicLong resident = new AtomicLong(100 * MIB);
  private final AtomicLong highWater = new AtomicLong(100 * MIB);
  private final AtomicInteger resets = new AtomicInteger();
  private final AtomicInteger reclaims = new AtomicInteger();
  /** What a reclaim (full GC + malloc_trim) would give back in the test process. */
  private final AtomicLong reclaimable = new AtomicLong();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  private MemoryGuard guard(long budget) {
    // a long interval: the test drives the samples itself
    return new MemoryGuard(budget, 3_600_000, 32, resident::get, highWater::get, () -> {
      resets.incrementAndGet();
      highWater.set(resident.get());
      return true;
    }, () -> {
      reclaims.incrementAndGet();
      resident.addAndGet(-reclaimable.getAndSet(0));
    });
  }

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  private static Attempt attempt(long job) {
    return new Attempt(job, 1, "w", Thread.currentThread());
  }

  @Test
  void aJobAloneGetsTheKernelsHighWaterMarkSinceItStartedAsItsPeak() {
    highWater.set(900 * MIB); // an earlier job's peak
    MemoryGuard g = guard(0);
    MemoryGuard.Watch w = g.watch(attempt(1), scheduler);
    assertThat(resets).hasValue(1);
    highWater.set(350 * MIB); // a spike between two samples
    resident.set(120 * MIB);
    assertThat(w.finish()).isEqualTo(350 * MIB);
  }

  @Test
  void concurrentJobsShareTheProcessSoTheirPeaksAreSampled() {
    MemoryGuard g = guard(0);
    MemoryGuard.Watch first = g.watch(attempt(1), scheduler);
    resident.set(200 * MIB);
    MemoryGuard.Watch second = g.watch(attempt(2), scheduler);
    assertThat(resets).hasValue(1); // never reset under a running job
    highWater.set(5000 * MIB);
    resident.set(300 * MIB);
    first.sample();
    assertThat(first.finish()).isEqualTo(300 * MIB);
    assertThat(second.finish()).isEqualTo(300 * MIB);
  }

  @Test
  void aProcessOverItsBudgetStopsTheJobAtItsNextBatchWithoutAnInterrupt() {
    MemoryGuard g = guard(1000 * MIB);
    Attempt a = attempt(3);
    MemoryGuard.Watch w = g.watch(a, scheduler);
    w.sample();
    assertThat(a.stopped()).isNull();
    resident.set(1200 * MIB);
    w.sample();
    assertThat(a.stopped()).isEqualTo(Attempt.Stop.OUT_OF_MEMORY);
    assertThat(a.stopMessage()).contains("1200 MiB", "budget of 1000 MiB", "batch size 32");
    assertThat(Thread.interrupted()).as("the forward pass in flight is left to finish").isFalse();
    assertThat(w.finish()).isEqualTo(1200 * MIB);
  }

  @Test
  void memoryTheProcessNoLongerUsesIsReclaimedBeforeAJobIsStoppedOrStarted() {
    MemoryGuard g = guard(1000 * MIB);
    // a heap grown on an earlier job: 900 of 1000 MiB resident, 600 of it free heap
    resident.set(900 * MIB);
    reclaimable.set(600 * MIB);
    Attempt a = attempt(5);
    MemoryGuard.Watch w = g.watch(a, scheduler);
    assertThat(reclaims).as("over %s of the budget at start", MemoryGuard.RECLAIM_FRACTION).hasValue(1);
    assertThat(resident).hasValue(300 * MIB);
    // within the gap the job grows past the budget: no second full collection, the attempt is stopped
    resident.set(1100 * MIB);
    reclaimable.set(500 * MIB);
    w.sample();
    assertThat(reclaims).as("at most one reclaim per gap").hasValue(1);
    assertThat(a.stopped()).isEqualTo(Attempt.Stop.OUT_OF_MEMORY);
    w.finish();
  }

  @Test
  void anAttemptIsStoppedOnlyWhenTheBudgetIsStillCrossedAfterAReclaim() {
    MemoryGuard g = guard(1000 * MIB);
    Attempt a = attempt(6);
    MemoryGuard.Watch w = g.watch(a, scheduler);
    assertThat(reclaims).as("100 MiB resident: nothing to reclaim at start").hasValue(0);
    resident.set(1100 * MIB);
    reclaimable.set(300 * MIB);
    w.sample();
    assertThat(reclaims).hasValue(1);
    assertThat(a.stopped()).as("800 MiB after the reclaim").isNull();
    w.finish();
  }

  @Test
  void theBatchSizeIsFittedToWhatIsLeftOfTheBudget() {
    MemoryGuard g = guard(1000 * MIB);
    MemoryGuard.Watch w = g.watch(attempt(4), scheduler);
    resident.set(400 * MIB);
    String metadata = "{\"preflight\":{\"measuredBatchSize\":32,\"measuredBatchBytes\":" + (320 * MIB) + "}}";
    // 600 MiB left / (1.5 × 10 MiB) = 40 → capped at the configured 32; with 200 MiB left: 13
    assertThat(w.batchSize(metadata, true, tools.jackson.databind.json.JsonMapper.builder().build())).isEqualTo(32);
    resident.set(800 * MIB);
    assertThat(w.batchSize(metadata, true, tools.jackson.databind.json.JsonMapper.builder().build())).isEqualTo(13);
    assertThat(w.batchSize()).isEqualTo(13);
    w.finish();
  }
}
