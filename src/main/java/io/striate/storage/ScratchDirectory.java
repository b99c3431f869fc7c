package io.striate.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A folder of this process's temporary files under a shared parent ({@code <parent>/<instance>/}), held by an
 * exclusive lock on {@code <instance>/.lock} for the life of the process. When a process starts it claims its own
 * folder and deletes every sibling whose lock it can take (its owner died, e.g. by {@code kill -9}, leaving
 * half-written uploads behind) and every loose file (the layout before per-process folders). Folders of live
 * processes sharing the storage directory are locked and therefore kept.
 */
public final class ScratchDirectory {
  private static final Logger log = LoggerFactory.getLogger(ScratchDirectory.class);
  static final String LOCK = ".lock";
  private final Path dir;
  private final FileChannel channel;
  private final FileLock lock;

  private ScratchDirectory(Path dir, FileChannel channel, FileLock lock) {
    this.dir = dir;
    this.channel = channel;
    this.lock = lock;
  }

  /** Sweeps the leftovers of dead processes under {@code parent} and claims a fresh folder there. */
  public static ScratchDirectory claim(Path parent) {
    try {
      Files.createDirectories(parent);
      long swept = sweep(parent);
      if (swept > 0) {
        log.info("swept {} bytes left in {} by processes that ended without cleaning up", swept, parent);
      }
      Path dir = Files.createDirectory(parent.resolve(UUID.randomUUID().toString().substring(0, 13)));
      FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      return new ScratchDirectory(dir, channel, channel.lock());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the temporary folder under " + parent, e);
    }
  }

  /** Deletes what dead processes left under {@code parent}; returns the bytes freed. */
  static long sweep(Path parent) throws IOException {
    long freed = 0;
    try (var children = Files.list(parent)) {
      for (Path child : children.toList()) {
        if (!Files.isDirectory(child)) {
          freed += Files.size(child);
          Files.deleteIfExists(child);
        } else if (abandoned(child)) {
          freed += deleteTree(child);
        }
      }
    }
    return freed;
  }

  private static boolean abandoned(Path folder) {
    Path lockFile = folder.resolve(LOCK);
    if (!Files.exists(lockFile)) {
      return true;
    }
    try (FileChannel c = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
      FileLock probe = c.tryLock();
      if (probe == null) {
        return false; // another live process holds it
      }
      probe.release();
      return true;
    } catch (OverlappingFileLockException e) {
      return false; // held by this JVM
    } catch (IOException e) {
      return false;
    }
  }

  private static long deleteTree(Path folder) throws IOException {
    long bytes = 0;
    try (var walk = Files.walk(folder)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        if (Files.isRegularFile(p)) bytes += Files.size(p);
        Files.deleteIfExists(p);
      }
    }
    return bytes;
  }

  /** This process's folder (exists while the process runs). */
  public Path path() {
    return dir;
  }

  /** A sub-folder of this process's folder, created when missing. */
  public Path folder(String name) {
    try {
      return Files.createDirectories(dir.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Releases the lock and deletes the folder (at a clean shutdown). */
  public void close() {
    try {
      lock.release();
      channel.close();
      deleteTree(dir);
    } catch (IOException e) {
      log.debug("cannot delete {}", dir, e);
    }
  }
}
