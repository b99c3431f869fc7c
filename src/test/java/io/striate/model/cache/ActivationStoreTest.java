package io.striate.model.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.striate.model.ActivationSink;
import io.striate.model.BrainModel;
import io.striate.model.LayerShape;
import io.striate.model.ModelContract;
import io.striate.model.Progress;
import io.striate.model.RgbImage;
import io.striate.model.StimulusSet;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActivationStoreTest {
  private static final LayerShape SHAPE = new LayerShape(2, 3, 3);
  private static final long UNBOUNDED = 1L << 40;

  @TempDir
  Path dir;

  /** Responses that depend only on the image: unit u of an image with first byte p answers p + u/8. */
  static final class CountingModel implements BrainModel {
    final AtomicInteger forwards = new AtomicInteger();
    final int failAfter;

    CountingModel(int failAfter) {
      this.failAfter = failAfter;
    }

    @Override
    public ModelContract contract() {
      return new ModelContract(8, new float[] {0, 0, 0}, new float[] {1, 1, 1}, 8, List.of("tap"), null, 1);
    }

    @Override
    public LayerShape layerShape(String layer) {
      return SHAPE;
    }

    @Override
    public void activations(StimulusSet stimuli, String layer, int[] units, ActivationSink sink, Progress progress) {
      forwards.incrementAndGet();
      for (int i = 0; i < stimuli.size(); i++) {
        if (i == failAfter) {
          throw new IllegalStateException("forward pass failed at stimulus " + i);
        }
        int p = stimuli.image(i).rgb()[0] & 0xFF;
        int n = units == null ? SHAPE.units() : units.length;
        float[] row = new float[n];
        for (int j = 0; j < n; j++) {
          row[j] = p + (units == null ? j : units[j]) / 8f;
        }
        sink.accept(i, new float[][] {row});
      }
    }

    @Override
    public void close() {
    }
  }

  /** {@code n} uniform images of values {@code base, base+1, ...}; counts image reads. */
  static class Uniform implements StimulusSet {
    final int n;
    final int base;
    final String descriptor;
    final AtomicInteger reads = new AtomicInteger();

    Uniform(int n, int base, String descriptor) {
      this.n = n;
      this.base = base;
      this.descriptor = descriptor;
    }

    @Override
    public int size() {
      return n;
    }

    @Override
    public String id(int index) {
      return "s" + index;
    }

    @Override
    public RgbImage image(int index) {
      reads.incrementAndGet();
      byte[] rgb = new byte[4 * 4 * 3];
      java.util.Arrays.fill(rgb, (byte) (base + index));
      return new RgbImage(4, 4, rgb);
    }

    @Override
    public String descriptor() {
      return descriptor;
    }
  }

  private ActivationStore store(long maxBytes) {
    return new ActivationStore(dir, true, maxBytes, "test-runtime");
  }

  private static CachedBrainModel cached(BrainModel model, ActivationStore store) {
    return new CachedBrainModel(model, store, "version-a sha-a");
  }

  private List<Path> files(String suffix) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(suffix)).toList();
    }
  }

  @Test
  void secondCallReadsTheStoredResponsesWithoutAForwardPass() {
    CountingModel model = new CountingModel(-1);
    CachedBrainModel cached = cached(model, store(UNBOUNDED));
    Uniform set = new Uniform(70, 10, null);
    int[] units = {17, 3, 5};
    assertThat(cached.stored(set, "tap", units)).isFalse();
    float[][] first = cached.activationMatrix(set, "tap", units, Progress.NONE);
    assertThat(cached.stored(set, "tap", units)).isTrue();
    List<String> stages = new ArrayList<>();
    float[][] second = cached.activationMatrix(set, "tap", units, (stage, f) -> stages.add(stage));
    assertThat(model.forwards).hasValue(1);
    assertThat(second).isDeepEqualTo(first).isDeepEqualTo(model.activationMatrix(set, "tap", units, Progress.NONE));
    assertThat(stages).containsExactly(CachedBrainModel.CACHED_STAGE);
  }

  @Test
  void everyPartOfTheKeyMatters() {
    CountingModel model = new CountingModel(-1);
    ActivationStore store = store(UNBOUNDED);
    cached(model, store).activationMatrix(new Uniform(5, 1, null), "tap", new int[] {1, 2}, Progress.NONE);
    cached(model, store).activationMatrix(new Uniform(5, 2, null), "tap", new int[] {1, 2}, Progress.NONE);
    cached(model, store).activationMatrix(new Uniform(5, 1, null), "tap", new int[] {2, 1}, Progress.NONE);
    cached(model, store).activationMatrix(new Uniform(5, 1, null), "tap", null, Progress.NONE);
    cached(model, store).activationMatrix(new Uniform(5, 1, null), "tap2", new int[] {1, 2}, Progress.NONE);
    new CachedBrainModel(model, store, "version-b sha-b").activationMatrix(new Uniform(5, 1, null), "tap",
        new int[] {1, 2}, Progress.NONE);
    new CachedBrainModel(model, new ActivationStore(dir, true, UNBOUNDED, "other-runtime"), "version-a sha-a")
        .activationMatrix(new Uniform(5, 1, null), "tap", new int[] {1, 2}, Progress.NONE);
    assertThat(model.forwards).hasValue(7);
    cached(model, store).activationMatrix(new Uniform(5, 2, null), "tap", new int[] {1, 2}, Progress.NONE);
    assertThat(model.forwards).hasValue(7);
  }

  @Test
  void aCorruptOrTruncatedEntryIsAMissAndIsReplaced() throws IOException {
    CountingModel model = new CountingModel(-1);
    CachedBrainModel cached = cached(model, store(UNBOUNDED));
    Uniform set = new Uniform(9, 3, null);
    float[][] expected = cached.activationMatrix(set, "tap", null, Progress.NONE);
    Path entry = files(".act").get(0);
    try (RandomAccessFile f = new RandomAccessFile(entry.toFile(), "rw")) {
      f.seek(f.length() - 20);
      f.write(f.read() ^ 0x40); // one flipped bit in the floats: the checksum no longer matches
    }
    assertThat(cached.activationMatrix(set, "tap", null, Progress.NONE)).isDeepEqualTo(expected);
    assertThat(model.forwards).hasValue(2);
    try (RandomAccessFile f = new RandomAccessFile(entry.toFile(), "rw")) {
      f.setLength(f.length() / 2); // a partial entry
    }
    assertThat(cached.activationMatrix(set, "tap", null, Progress.NONE)).isDeepEqualTo(expected);
    assertThat(model.forwards).hasValue(3);
    Files.write(entry, new byte[0]);
    assertThat(cached.activationMatrix(set, "tap", null, Progress.NONE)).isDeepEqualTo(expected);
    assertThat(cached.activationMatrix(set, "tap", null, Progress.NONE)).isDeepEqualTo(expected);
    assertThat(model.forwards).hasValue(4);
  }

  @Test
  void aFailedForwardPassStoresNothing() throws IOException {
    CountingModel failing = new CountingModel(4);
    CachedBrainModel cached = cached(failing, store(UNBOUNDED));
    Uniform set = new Uniform(9, 3, null);
    assertThatThrownBy(() -> cached.activationMatrix(set, "tap", null, Progress.NONE))
        .hasMessageContaining("failed at stimulus 4");
    assertThat(files(".act")).isEmpty();
    assertThat(files(".tmp")).isEmpty();
    assertThat(cached.stored(set, "tap", null)).isFalse();
  }

  @Test
  void evictsTheLeastRecentlyUsedEntriesBeyondTheBound() throws IOException {
    CountingModel model = new CountingModel(-1);
    Uniform a = new Uniform(100, 1, null);
    Uniform b = new Uniform(100, 2, null);
    Uniform c = new Uniform(100, 3, null);
    long entry = 4 + 4 + 64 + 8 + 100L * SHAPE.units() * 4 + 8;
    ActivationStore store = store(2 * entry + entry / 2);
    CachedBrainModel cached = cached(model, store);
    cached.activationMatrix(a, "tap", null, Progress.NONE);
    cached.activationMatrix(b, "tap", null, Progress.NONE);
    List<Path> written = files(".act");
    for (Path p : written) {
      Files.setLastModifiedTime(p, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
    }
    cached.activationMatrix(a, "tap", null, Progress.NONE); // a read: a is now the most recently used
    assertThat(model.forwards).hasValue(2);
    cached.activationMatrix(c, "tap", null, Progress.NONE); // 3 entries > bound: b, the least recent, goes
    assertThat(files(".act")).hasSize(2);
    assertThat(store.diskBytes()).isLessThanOrEqualTo(2 * entry + entry / 2);
    assertThat(cached.stored(a, "tap", null)).isTrue();
    assertThat(cached.stored(b, "tap", null)).isFalse();
    assertThat(cached.stored(c, "tap", null)).isTrue();
  }

  @Test
  void anEntryLargerThanTheBoundIsNotStored() throws IOException {
    CountingModel model = new CountingModel(-1);
    CachedBrainModel cached = cached(model, store(1000));
    Uniform set = new Uniform(100, 1, null);
    float[][] first = cached.activationMatrix(set, "tap", null, Progress.NONE);
    assertThat(cached.activationMatrix(set, "tap", null, Progress.NONE)).isDeepEqualTo(first);
    assertThat(model.forwards).hasValue(2);
    assertThat(files(".act")).isEmpty();
    assertThat(files(".tmp")).isEmpty();
  }

  @Test
  void concurrentWorkersWritingTheSameKeyAllGetCorrectResponsesAndLeaveOneEntry() throws Exception {
    CountingModel model = new CountingModel(-1);
    float[][] expected = model.activationMatrix(new Uniform(300, 7, null), "tap", null, Progress.NONE);
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<float[][]>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        // one store per "worker process": nothing shared but the directory
        CachedBrainModel cached = cached(model, store(UNBOUNDED));
        Callable<float[][]> call = () -> {
          start.await();
          return cached.activationMatrix(new Uniform(300, 7, null), "tap", null, Progress.NONE);
        };
        results.add(pool.submit(call));
      }
      start.countDown();
      for (Future<float[][]> f : results) {
        assertThat(f.get()).isDeepEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(files(".act")).hasSize(1);
    assertThat(files(".tmp")).isEmpty();
    int before = model.forwards.get();
    assertThat(cached(model, store(UNBOUNDED)).activationMatrix(new Uniform(300, 7, null), "tap", null,
        Progress.NONE)).isDeepEqualTo(expected);
    assertThat(model.forwards).hasValue(before);
  }

  @Test
  void aSetWithADescriptorIsHashedOncePerProcess() {
    CountingModel model = new CountingModel(-1);
    CachedBrainModel cached = cached(model, store(UNBOUNDED));
    Uniform set = new Uniform(20, 1, "uniform:20:1");
    cached.activationMatrix(set, "tap", null, Progress.NONE); // hashed (20) and computed (20)
    cached.activationMatrix(set, "tap", null, Progress.NONE); // read: no image rendered
    assertThat(set.reads).hasValue(40);
    Uniform anonymous = new Uniform(20, 1, null);
    cached.activationMatrix(anonymous, "tap", null, Progress.NONE); // same pixels: stored, but hashed again
    assertThat(anonymous.reads).hasValue(20);
    assertThat(model.forwards).hasValue(1);
  }

  @Test
  void aStoredResultIsFoundByAFreshWrapperUnderExactlyItsKey() throws IOException {
    CountingModel model = new CountingModel(-1);
    ActivationStore store = store(UNBOUNDED);
    List<StimulusSet> inputs = List.of(new Uniform(1, 0, null), new Uniform(30, 5, null));
    int[] units = {4, 1, 7};
    byte[] result = {1, 2, 3, 4, 5};
    assertThat(cached(model, store).storedResult("rf v1", inputs, "tap", units)).isEmpty();
    cached(model, store).storeResult("rf v1", inputs, "tap", units, result);
    assertThat(files(".res")).hasSize(1);
    assertThat(cached(model, store).storedResult("rf v1", List.of(new Uniform(1, 0, null), new Uniform(30, 5, null)),
        "tap", units)).hasValueSatisfying(r -> assertThat(r).isEqualTo(result));
    assertThat(model.forwards).hasValue(0);
    // every part of the key matters: derivation, each input's content and order, tap, units, model, runtime
    assertThat(cached(model, store).storedResult("rf v2", inputs, "tap", units)).isEmpty();
    assertThat(cached(model, store).storedResult("rf v1", List.of(new Uniform(1, 0, null), new Uniform(30, 6, null)),
        "tap", units)).isEmpty();
    assertThat(cached(model, store).storedResult("rf v1", List.of(inputs.get(1), inputs.get(0)), "tap", units))
        .isEmpty();
    assertThat(cached(model, store).storedResult("rf v1", inputs.subList(0, 1), "tap", units)).isEmpty();
    assertThat(cached(model, store).storedResult("rf v1", inputs, "tap2", units)).isEmpty();
    assertThat(cached(model, store).storedResult("rf v1", inputs, "tap", new int[] {4, 1})).isEmpty();
    assertThat(cached(model, store).storedResult("rf v1", inputs, "tap", null)).isEmpty();
    assertThat(new CachedBrainModel(model, store, "version-b sha-b").storedResult("rf v1", inputs, "tap", units))
        .isEmpty();
    assertThat(new CachedBrainModel(model, new ActivationStore(dir, true, UNBOUNDED, "other-runtime"),
        "version-a sha-a").storedResult("rf v1", inputs, "tap", units)).isEmpty();
    assertThat(store.diskBytes()).isEqualTo(Files.size(files(".res").get(0)));
  }

  @Test
  void aCorruptResultIsAMissAndIsRemoved() throws IOException {
    CountingModel model = new CountingModel(-1);
    CachedBrainModel cached = cached(model, store(UNBOUNDED));
    List<StimulusSet> inputs = List.of(new Uniform(3, 1, null));
    cached.storeResult("d", inputs, "tap", null, new byte[] {9, 8, 7, 6});
    Path entry = files(".res").get(0);
    try (RandomAccessFile f = new RandomAccessFile(entry.toFile(), "rw")) {
      f.seek(f.length() - 10);
      int b = f.read();
      f.seek(f.length() - 10);
      f.write(b ^ 0x01); // one flipped bit in the bytes: the checksum no longer matches
    }
    assertThat(cached.storedResult("d", inputs, "tap", null)).isEmpty();
    assertThat(files(".res")).isEmpty();
    cached.storeResult("d", inputs, "tap", null, new byte[] {9, 8, 7, 6});
    try (RandomAccessFile f = new RandomAccessFile(entry.toFile(), "rw")) {
      f.setLength(f.length() - 3);
    }
    assertThat(cached.storedResult("d", inputs, "tap", null)).isEmpty();
    cached.storeResult("d", inputs, "tap", null, new byte[0]);
    assertThat(cached.storedResult("d", inputs, "tap", null)).hasValueSatisfying(r -> assertThat(r).isEmpty());
  }

  @Test
  void aTransientPassIsReadWhenStoredButNeverWritten() throws IOException {
    CountingModel model = new CountingModel(-1);
    CachedBrainModel cached = cached(model, store(UNBOUNDED));
    Uniform set = new Uniform(12, 2, null);
    float[][] direct = model.activationMatrix(set, "tap", null, Progress.NONE);
    float[][] out = new float[set.size()][];
    cached.transientActivations(set, "tap", null, (first, rows) -> {
      for (int i = 0; i < rows.length; i++) {
        out[first + i] = rows[i].clone();
      }
    }, Progress.NONE);
    assertThat(out).isDeepEqualTo(direct);
    assertThat(files(".act")).isEmpty();
    assertThat(files(".tmp")).isEmpty();
    assertThat(model.forwards).hasValue(2);
    cached.activationMatrix(set, "tap", null, Progress.NONE); // an ordinary pass stores it
    List<String> stages = new ArrayList<>();
    float[][] again = new float[set.size()][];
    cached.transientActivations(set, "tap", null, (first, rows) -> {
      for (int i = 0; i < rows.length; i++) {
        again[first + i] = rows[i].clone();
      }
    }, (stage, f) -> stages.add(stage));
    assertThat(again).isDeepEqualTo(direct);
    assertThat(stages).containsExactly(CachedBrainModel.CACHED_STAGE);
    assertThat(model.forwards).hasValue(3);
  }

  @Test
  void resultsAreEvictedWithTheEntries() throws IOException {
    CountingModel model = new CountingModel(-1);
    Uniform a = new Uniform(100, 1, null);
    long entry = 4 + 4 + 64 + 8 + 100L * SHAPE.units() * 4 + 8;
    ActivationStore store = store(entry + 100); // the result takes 4 + 4 + 64 + 4 + 100 + 8 bytes
    CachedBrainModel cached = cached(model, store);
    cached.storeResult("d", List.of(a), "tap", null, new byte[100]);
    Files.setLastModifiedTime(files(".res").get(0), FileTime.fromMillis(System.currentTimeMillis() - 60_000));
    cached.activationMatrix(a, "tap", null, Progress.NONE); // entry + result > bound: the older result goes
    assertThat(files(".res")).isEmpty();
    assertThat(files(".act")).hasSize(1);
    assertThat(store.diskBytes()).isEqualTo(entry);
  }

  @Test
  void aSetWithADurableDescriptorIsHashedOnceAcrossProcesses() throws IOException {
    CountingModel model = new CountingModel(-1);
    class Durable extends Uniform {
      final String durable;

      Durable(int base, String durable) {
        super(20, base, "uniform:20:" + base);
        this.durable = durable;
      }

      @Override
      public String durableDescriptor() {
        return durable;
      }
    }
    Durable set = new Durable(1, "uniform:20:1 code v1");
    float[][] first = cached(model, store(UNBOUNDED)).activationMatrix(set, "tap", null, Progress.NONE);
    assertThat(set.reads).hasValue(40); // hashed and computed
    assertThat(files(".dig")).hasSize(1);
    // a new process: a fresh store (no digests in memory) finds the entry without rendering an image
    Durable again = new Durable(1, "uniform:20:1 code v1");
    assertThat(cached(model, store(UNBOUNDED)).activationMatrix(again, "tap", null, Progress.NONE))
        .isDeepEqualTo(first);
    assertThat(again.reads).hasValue(0);
    assertThat(model.forwards).hasValue(1);
    // other code: hashed afresh (same pixels, so the entry is found all the same)
    Durable otherCode = new Durable(1, "uniform:20:1 code v2");
    cached(model, store(UNBOUNDED)).activationMatrix(otherCode, "tap", null, Progress.NONE);
    assertThat(otherCode.reads).hasValue(20);
    assertThat(model.forwards).hasValue(1);
    // a damaged digest file (its checksum does not match) is removed and the set hashed again
    for (Path p : files(".dig")) {
      Files.writeString(p, "0".repeat(64) + " 0");
    }
    Durable damaged = new Durable(1, "uniform:20:1 code v1");
    assertThat(cached(model, store(UNBOUNDED)).activationMatrix(damaged, "tap", null, Progress.NONE))
        .isDeepEqualTo(first);
    assertThat(damaged.reads).hasValue(20);
    assertThat(model.forwards).hasValue(1);
  }
}
