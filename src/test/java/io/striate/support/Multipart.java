package io.striate.support;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Builds multipart/form-data bodies as streams, so uploads of any size can be generated without buffering. */
public final class Multipart {
  public static final String BOUNDARY = "striate-test-boundary-7d1f";
  private final List<InputStream> parts = new ArrayList<>();

  public Multipart file(String name, String filename, InputStream content) {
    parts.add(text("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
        + filename + "\"\r\nContent-Type: application/octet-stream\r\n\r\n"));
    parts.add(content);
    parts.add(text("\r\n"));
    return this;
  }

  public Multipart field(String name, String value) {
    parts.add(text("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name
        + "\"\r\nContent-Type: application/json\r\n\r\n" + value + "\r\n"));
    return this;
  }

  public InputStream build() {
    parts.add(text("--" + BOUNDARY + "--\r\n"));
    return new SequenceInputStream(Collections.enumeration(parts));
  }

  private static InputStream text(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  /** A zip-looking byte stream of {@code size} bytes: the local-file magic, then seeded pseudo-random bytes. */
  public static InputStream zipLike(long size, long seed) {
    return new InputStream() {
      private long produced;
      private long state = seed;

      @Override
      public int read() {
        if (produced >= size) {
          return -1;
        }
        long i = produced++;
        if (i < 4) {
          return new int[] {'P', 'K', 3, 4}[(int) i];
        }
        state = state * 6364136223846793005L + 1442695040888963407L;
        return (int) (state >>> 56) & 0xFF;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (produced >= size) {
          return -1;
        }
        int n = (int) Math.min(len, size - produced);
        for (int k = 0; k < n; k++) {
          b[off + k] = (byte) read();
        }
        return n;
      }
    };
  }
}
