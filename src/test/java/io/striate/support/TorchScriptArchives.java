package io.striate.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Real TorchScript archives of any size for upload tests: a committed fixture (written by tools/runtime_fixtures.py
 * with PyTorch) re-zipped with an extra {@code extra/padding.bin} entry of seeded pseudo-random bytes. libtorch
 * ignores extra files it is not asked for, so the result loads like the fixture; different seeds give different
 * bytes (different versions). The archive is produced on the fly by a writer thread, never held in memory.
 */
public final class TorchScriptArchives {
  public static final Path TINY_DICT = Path.of("src/test/resources/fixtures/runtime/tiny_dict.pt");

  private TorchScriptArchives() {
  }

  private static final long FIXED_ENTRY_TIME = 1262304000000L; // 2010-01-01T00:00:00Z

  public static InputStream padded(Path fixture, long paddingBytes, long seed) {
    try {
      PipedInputStream in = new PipedInputStream(1 << 16);
      PipedOutputStream out = new PipedOutputStream(in);
      Thread writer = new Thread(() -> write(fixture, paddingBytes, seed, out), "archive-writer");
      writer.setDaemon(true);
      writer.start();
      return in;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path fixture, long paddingBytes, long seed, PipedOutputStream sink) {
    // ZipFile reads the central directory: libtorch's writer pads local headers in a way ZipInputStream rejects
    try (ZipOutputStream zip = new ZipOutputStream(sink); ZipFile source = new ZipFile(fixture.toFile())) {
      zip.setLevel(Deflater.NO_COMPRESSION);
      String root = null;
      for (ZipEntry e : java.util.Collections.list(source.entries())) {
        root = root == null ? e.getName().substring(0, e.getName().indexOf('/')) : root;
        zip.putNextEntry(fixedTime(new ZipEntry(e.getName())));
        try (InputStream content = source.getInputStream(e)) {
          content.transferTo(zip);
        }
        zip.closeEntry();
      }
      zip.putNextEntry(fixedTime(new ZipEntry(root + "/extra/padding.bin")));
      try (InputStream padding = Multipart.zipLike(paddingBytes, seed)) {
        padding.transferTo(zip);
      }
      zip.closeEntry();
    } catch (IOException e) {
      // the reader sees a truncated stream and the upload fails visibly
    }
  }

  /** Same bytes for the same seed: without a fixed time each entry carries the (2 s granular) wall clock. */
  private static ZipEntry fixedTime(ZipEntry entry) {
    entry.setTime(FIXED_ENTRY_TIME);
    return entry;
  }
}
