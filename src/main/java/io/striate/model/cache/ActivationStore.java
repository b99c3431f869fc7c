package io.striate.model.cache;

import io.striate.config.StriateProperties;
import io.striate.model.ActivationSink;
import io.striate.model.BrainModel;
import io.striate.model.RgbImage;
import io.striate.model.StimulusSet;
import io.striate.model.catalog.ModelVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Computed tap responses on disk, {@code storage.dir/activations/<k0k1>/<key>.act}: one entry is the
 * {@code stimuli × units} float matrix of one model's tap for one stimulus set, keyed by the SHA-256 of
 * <pre>(format, runtime fingerprint, version identity, artifact hash, preprocessing + trials, tap + shape,
 *  unit selection, stimulus content digest)</pre>
 * so an entry is found only when every input of the forward pass is the same; nothing else invalidates it.
 *
 * <p>Entry layout (little-endian): magic {@code "STA1"}, key length + UTF-8 key, rows, columns, {@code rows·cols}
 * float32, CRC32C of the floats. Writes go to a temporary file in the same directory and are moved into place
 * atomically, so readers see a whole entry or none and concurrent writers of one key are safe (the last move
 * wins; both wrote the same responses). A truncated, corrupt or foreign entry is deleted and treated as a miss.
 * Size is bounded by {@link StriateProperties.Activations#maxSize}: after each write the least recently used
 * entries (file modification time, refreshed on every read) are evicted until the store fits.
 *
 * <p>Beside the activation entries the store keeps <em>results</em>, {@code <key>.res}: small byte strings computed
 * from forward passes (RF mapping's unit selection), keyed by the SHA-256 of the computation's name and parameters
 * and the activation keys of its inputs, so a result is found only when every input of every pass it was computed
 * from is the same. Layout (little-endian): magic {@code "STR1"}, key length + UTF-8 key, length, bytes, CRC32C of
 * the bytes; written, checked, evicted and counted like the activation entries. The pixel digests of stimulus sets
 * with a {@link StimulusSet#durableDescriptor} are kept in {@code digests/<SHA-256 of it>.dig} (a few bytes each).
 */
@Component
public class ActivationStore {
  private static final Logger log = LoggerFactory.getLogger(ActivationStore.class);
  static final int MAGIC = 0x31415453; // "STA1" little-endian
  static final String FORMAT = "striate-activations/1";
  static final int RESULT_MAGIC = 0x31525453; // "STR1" little-endian
  static final String RESULT_FORMAT = "striate-result/1";
  private static final String SUFFIX = ".act";
  private static final String RESULT_SUFFIX = ".res";
  private static final String DIGEST_SUFFIX = ".dig";
  /** Results are small (an RF-mapping selection is 20 bytes per selected unit); anything larger is refused. */
  static final int MAX_RESULT_BYTES = 64 << 20;
  private static final Duration STALE_TEMP = Duration.ofHours(6);
  private static final int DIGESTS_KEPT = 256;

  private final Path dir;
  private final boolean enabled;
  private final long maxBytes;
  private final String runtime;
  private final Map<String, String> digests = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > DIGESTS_KEPT;
    }
  });

  @org.springframework.beans.factory.annotation.Autowired
  public ActivationStore(StriateProperties properties) {
    this(properties.storage().activationsDir(), properties.storage().activations().enabled(),
        properties.storage().activations().maxSize().toBytes(), RuntimeFingerprint.current());
  }

  ActivationStore(Path dir, boolean enabled, long maxBytes, String runtime) {
    this.dir = dir;
    this.enabled = enabled;
    this.maxBytes = maxBytes;
    this.runtime = runtime;
  }

  /** An enabled store at {@code dir} bounded by {@code maxBytes} (benchmarks and tools; the worker's is a bean). */
  public static ActivationStore at(Path dir, long maxBytes) {
    return new ActivationStore(dir, true, maxBytes, RuntimeFingerprint.current());
  }

  public boolean enabled() {
    return enabled;
  }

  /** {@code model} with this store in front of it, or {@code model} itself when the store is disabled. */
  public BrainModel wrap(BrainModel model, ModelVersion version) {
    if (!enabled) {
      return model;
    }
    return wrap(model, version.getIdentity() + " " + version.getSha256());
  }

  /** {@code model} with this store in front of it; {@code modelKey} must name the model's content exactly. */
  public BrainModel wrap(BrainModel model, String modelKey) {
    return new CachedBrainModel(model, this, modelKey);
  }

  /** The entry key of one forward pass (hex SHA-256). */
  String key(String model, String contract, String tap, int[] units, String stimuli) {
    MessageDigest d = sha256();
    for (String part : new String[] {FORMAT, runtime, model, contract, tap, units == null ? "all" : unitsDigest(units),
        stimuli}) {
      d.update(part.getBytes(StandardCharsets.UTF_8));
      d.update((byte) 0);
    }
    return HexFormat.of().formatHex(d.digest());
  }

  /**
   * The key of a result computed by {@code derivation} (its name, code version and every parameter) from the forward
   * passes whose activation keys are {@code inputs}, in that order (hex SHA-256).
   */
  String resultKey(String derivation, List<String> inputs) {
    MessageDigest d = sha256();
    d.update(RESULT_FORMAT.getBytes(StandardCharsets.UTF_8));
    d.update((byte) 0);
    d.update(derivation.getBytes(StandardCharsets.UTF_8));
    d.update((byte) 0);
    for (String input : inputs) {
      d.update(input.getBytes(StandardCharsets.UTF_8));
      d.update((byte) 0);
    }
    return HexFormat.of().formatHex(d.digest());
  }

  private static String unitsDigest(int[] units) {
    ByteBuffer b = ByteBuffer.allocate(units.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asIntBuffer().put(units);
    return units.length + ":" + HexFormat.of().formatHex(sha256().digest(b.array()));
  }

  /**
   * SHA-256 over the set's size, every id and every image's size and pixels; remembered per
   * {@link StimulusSet#descriptor} for the life of the process (the code that renders a descriptor cannot change
   * within it), and for a set with a {@link StimulusSet#durableDescriptor} also on disk ({@code digests/}), so a new
   * process does not render and hash the images again.
   */
  String stimulusDigest(StimulusSet set) {
    String descriptor = set.descriptor();
    if (descriptor != null) {
      String known = digests.get(descriptor);
      if (known != null) {
        return known;
      }
    }
    String durable = set.durableDescriptor();
    Path durablePath = durable == null ? null : dir.resolve("digests").resolve(
        HexFormat.of().formatHex(sha256().digest(durable.getBytes(StandardCharsets.UTF_8))) + DIGEST_SUFFIX);
    String digest = durablePath == null ? null : readDigest(durablePath);
    if (digest == null) {
      digest = hashPixels(set);
      if (durablePath != null) {
        writeDigest(durablePath, digest);
      }
    }
    if (descriptor != null) {
      digests.put(descriptor, digest);
    }
    return digest;
  }

  private static String hashPixels(StimulusSet set) {
    MessageDigest d = sha256();
    ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    d.update(header.putInt(0, set.size()).array(), 0, 4);
    for (int i = 0; i < set.size(); i++) {
      d.update(set.id(i).getBytes(StandardCharsets.UTF_8));
      RgbImage image = set.image(i);
      d.update(header.putInt(0, image.width()).putInt(4, image.height()).putInt(8, image.rgb().length).array());
      d.update(image.rgb());
    }
    return HexFormat.of().formatHex(d.digest());
  }

  /** A digest file is {@code <64 hex digest> <CRC32C of those 64 bytes, hex>}; null when absent or unusable. */
  private String readDigest(Path p) {
    try {
      String[] parts = Files.readString(p, StandardCharsets.US_ASCII).trim().split(" ");
      if (parts.length == 2 && parts[0].matches("[0-9a-f]{64}")) {
        CRC32C crc = new CRC32C();
        crc.update(parts[0].getBytes(StandardCharsets.US_ASCII));
        if (Long.toHexString(crc.getValue()).equals(parts[1])) {
          touch(p);
          return parts[0];
        }
      }
      corrupt(p, "not a digest");
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      corrupt(p, e.toString());
    }
    return null;
  }

  private void writeDigest(Path target, String digest) {
    CRC32C crc = new CRC32C();
    crc.update(digest.getBytes(StandardCharsets.US_ASCII));
    Path temp = null;
    try {
      Files.createDirectories(target.getParent());
      temp = Files.createTempFile(target.getParent(), "digest-", ".tmp");
      Files.writeString(temp, digest + " " + Long.toHexString(crc.getValue()) + "\n", StandardCharsets.US_ASCII);
      publish(temp, target);
    } catch (IOException e) {
      log.warn("Could not keep the stimulus digest {}: {}", target.getFileName(), e.toString());
      if (temp != null) {
        remove(temp);
      }
    }
  }

  Path path(String key) {
    return dir.resolve(key.substring(0, 2)).resolve(key + SUFFIX);
  }

  Path resultPath(String key) {
    return dir.resolve(key.substring(0, 2)).resolve(key + RESULT_SUFFIX);
  }

  /** The result {@code key} after checking it, or null (and the entry deleted when it was unreadable) when none. */
  byte[] readResult(String key) {
    Path p = resultPath(key);
    byte[] all;
    try {
      all = Files.readAllBytes(p);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      corrupt(p, e.toString());
      return null;
    }
    byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
    int head = 4 + 4 + keyBytes.length + 4;
    if (all.length < head + 8 || b.getInt(0) != RESULT_MAGIC || b.getInt(4) != keyBytes.length
        || !java.util.Arrays.equals(all, 8, 8 + keyBytes.length, keyBytes, 0, keyBytes.length)) {
      corrupt(p, "wrong header");
      return null;
    }
    int length = b.getInt(8 + keyBytes.length);
    if (length < 0 || all.length != (long) head + length + 8) {
      corrupt(p, "wrong size");
      return null;
    }
    CRC32C crc = new CRC32C();
    crc.update(all, head, length);
    if (b.getLong(head + length) != crc.getValue()) {
      corrupt(p, "checksum mismatch");
      return null;
    }
    touch(p);
    return java.util.Arrays.copyOfRange(all, head, head + length);
  }

  /** Stores {@code result} under {@code key} (atomically, like an activation entry); false when it was not stored. */
  boolean writeResult(String key, byte[] result) {
    byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
    long size = 4 + 4 + keyBytes.length + 4 + (long) result.length + 8;
    if (result.length > MAX_RESULT_BYTES || size > maxBytes) {
      return false;
    }
    ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
    CRC32C crc = new CRC32C();
    crc.update(result);
    b.putInt(RESULT_MAGIC).putInt(keyBytes.length).put(keyBytes).putInt(result.length).put(result)
        .putLong(crc.getValue());
    Path target = resultPath(key);
    Path temp = null;
    try {
      Files.createDirectories(target.getParent());
      temp = Files.createTempFile(target.getParent(), key.substring(0, 8) + "-", ".tmp");
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        b.flip();
        while (b.hasRemaining()) {
          ch.write(b);
        }
        ch.force(false);
      }
      publish(temp, target);
    } catch (IOException e) {
      log.warn("Could not store result {}: {}", target.getFileName(), e.toString());
      if (temp != null) {
        remove(temp);
      }
      return false;
    }
    evict();
    return true;
  }

  /** Whether an entry is on disk (it may still prove corrupt when read). */
  boolean contains(String key) {
    return Files.isRegularFile(path(key));
  }

  /**
   * Streams the entry {@code key} of {@code rows × cols} to {@code sink} in batches of {@code batch} rows, after
   * checking it whole; false (and the entry deleted when it was unreadable) when there is none to use.
   */
  boolean read(String key, int rows, int cols, int batch, ActivationSink sink) {
    Path p = path(key);
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
      byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
      long payloadStart = 4 + 4 + keyBytes.length + 4 + 4;
      long payload = (long) rows * cols * 4;
      if (ch.size() != payloadStart + payload + 8 || !header(ch, keyBytes, rows, cols)) {
        return corrupt(p, "wrong size or header");
      }
      CRC32C crc = new CRC32C();
      ByteBuffer buf = ByteBuffer.allocate((int) Math.min(1 << 20, Math.max(payload, 1)));
      ch.position(payloadStart);
      for (long left = payload; left > 0; ) {
        buf.clear().limit((int) Math.min(buf.capacity(), left));
        readFully(ch, buf);
        buf.flip();
        left -= buf.remaining();
        crc.update(buf);
      }
      ByteBuffer trailer = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(ch, trailer);
      if (trailer.getLong(0) != crc.getValue()) {
        return corrupt(p, "checksum mismatch");
      }
      ch.position(payloadStart);
      int per = Math.max(1, batch);
      ByteBuffer rowsBuf = ByteBuffer.allocate(per * cols * 4).order(ByteOrder.LITTLE_ENDIAN);
      for (int first = 0; first < rows; first += per) {
        int n = Math.min(per, rows - first);
        rowsBuf.clear().limit(n * cols * 4);
        readFully(ch, rowsBuf);
        rowsBuf.flip();
        float[][] out = new float[n][cols];
        var floats = rowsBuf.asFloatBuffer();
        for (float[] row : out) {
          floats.get(row);
        }
        sink.accept(first, out);
      }
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      return corrupt(p, e.toString());
    }
    touch(p);
    return true;
  }

  private static boolean header(FileChannel ch, byte[] key, int rows, int cols) throws IOException {
    ByteBuffer h = ByteBuffer.allocate(4 + 4 + key.length + 8).order(ByteOrder.LITTLE_ENDIAN);
    readFully(ch, h);
    h.flip();
    if (h.getInt() != MAGIC || h.getInt() != key.length) {
      return false;
    }
    byte[] stored = new byte[key.length];
    h.get(stored);
    return java.util.Arrays.equals(stored, key) && h.getInt() == rows && h.getInt() == cols;
  }

  private static void readFully(FileChannel ch, ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) {
      if (ch.read(buf) < 0) {
        throw new java.io.EOFException("entry ends early");
      }
    }
  }

  private boolean corrupt(Path p, String why) {
    log.warn("Activation store entry {} is unusable ({}); it is removed and recomputed", p.getFileName(), why);
    remove(p);
    return false;
  }

  /** Moves a complete temporary file into place, atomically where the file system can. */
  private static void publish(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Deletes a file the store no longer wants (a corrupt entry, an unfinished temporary file); logs a failure. */
  private static void remove(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      log.warn("Could not remove {}: {}", p, e.toString());
    }
  }

  private static void touch(Path p) {
    try {
      Files.setLastModifiedTime(p, FileTime.from(Instant.now()));
    } catch (IOException e) {
      // evicted meanwhile, or a read-only store: the entry was read all the same
    }
  }

  /** Starts writing the entry {@code key}; null when it could never fit the bound or the store is unwritable. */
  Writer writer(String key, int rows, int cols) {
    byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
    long size = 4 + 4 + keyBytes.length + 8 + (long) rows * cols * 4 + 8;
    if (size > maxBytes) {
      return null;
    }
    try {
      Path target = path(key);
      Files.createDirectories(target.getParent());
      Path temp = Files.createTempFile(target.getParent(), key.substring(0, 8) + "-", ".tmp");
      return new Writer(target, temp, keyBytes, rows, cols);
    } catch (IOException e) {
      log.warn("Activation store at {} is not writable: {}", dir, e.toString());
      return null;
    }
  }

  /**
   * One entry being written, rows in stimulus order; {@link #commit} moves it into place, {@link #abort} (or a
   * row out of order) discards it.
   */
  final class Writer {
    private final Path target;
    private final Path temp;
    private final FileChannel ch;
    private final int rows;
    private final int cols;
    private final CRC32C crc = new CRC32C();
    private int next;
    private boolean failed;

    private Writer(Path target, Path temp, byte[] key, int rows, int cols) throws IOException {
      this.target = target;
      this.temp = temp;
      this.rows = rows;
      this.cols = cols;
      this.ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
      ByteBuffer h = ByteBuffer.allocate(4 + 4 + key.length + 8).order(ByteOrder.LITTLE_ENDIAN);
      h.putInt(MAGIC).putInt(key.length).put(key).putInt(rows).putInt(cols).flip();
      writeFully(h);
    }

    /** Appends rows {@code first .. first+batch-1}; a gap, an overlap or a wrong width abandons the entry. */
    void rows(int first, float[][] batch) {
      if (failed) {
        return;
      }
      if (first != next || first + batch.length > rows) {
        failed = true;
        return;
      }
      ByteBuffer b = ByteBuffer.allocate(batch.length * cols * 4).order(ByteOrder.LITTLE_ENDIAN);
      var floats = b.asFloatBuffer();
      for (float[] row : batch) {
        if (row.length != cols) {
          failed = true;
          return;
        }
        floats.put(row);
      }
      crc.update(b.duplicate());
      try {
        writeFully(b);
        next += batch.length;
      } catch (IOException e) {
        failed = true;
      }
    }

    /** Moves the complete entry into place (atomically) and evicts beyond the bound; discards an incomplete one. */
    void commit() {
      if (failed || next != rows) {
        abort();
        return;
      }
      try {
        ByteBuffer t = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, crc.getValue());
        writeFully(t);
        ch.force(false);
        ch.close();
        publish(temp, target);
      } catch (IOException e) {
        log.warn("Could not store activations {}: {}", target.getFileName(), e.toString());
        abort();
        return;
      }
      evict();
    }

    void abort() {
      try {
        ch.close();
      } catch (IOException e) {
        log.warn("Could not close {}: {}", temp, e.toString());
      }
      remove(temp);
    }

    private void writeFully(ByteBuffer b) throws IOException {
      while (b.hasRemaining()) {
        ch.write(b);
      }
    }
  }

  /** Bytes the store's entries take on disk now. */
  public long diskBytes() {
    return entries().stream().mapToLong(Entry::size).sum();
  }

  private record Entry(Path path, long size, long modified) {
  }

  private List<Entry> entries() {
    List<Entry> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.walk(dir, 2)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String name = p.getFileName().toString();
        try {
          if (name.endsWith(SUFFIX) || name.endsWith(RESULT_SUFFIX)) {
            out.add(new Entry(p, Files.size(p), Files.getLastModifiedTime(p).toMillis()));
          } else if (name.endsWith(".tmp") && Files.getLastModifiedTime(p).toInstant()
              .isBefore(Instant.now().minus(STALE_TEMP))) {
            Files.deleteIfExists(p); // left by a writer that died
          }
        } catch (IOException e) {
          // removed by another worker meanwhile
        }
      }
    } catch (IOException | UncheckedIOException e) {
      log.warn("Could not list the activation store {}: {}", dir, e.toString());
    }
    return out;
  }

  /** Deletes least recently used entries until the store fits its bound. */
  synchronized void evict() {
    List<Entry> all = entries();
    long total = all.stream().mapToLong(Entry::size).sum();
    if (total <= maxBytes) {
      return;
    }
    all.sort(Comparator.comparingLong(Entry::modified));
    for (Entry e : all) {
      if (total <= maxBytes) {
        break;
      }
      try {
        Files.deleteIfExists(e.path());
        total -= e.size();
      } catch (IOException ex) {
        log.warn("Could not evict {}: {}", e.path(), ex.toString());
      }
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
