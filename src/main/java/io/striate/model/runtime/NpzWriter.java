package io.striate.model.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a numpy {@code .npz} archive (a zip of {@code .npy} files, format version 1.0, little-endian,
 * C order), readable by {@code numpy.load}. Arrays are streamed entry by entry, so they need not fit in memory.
 */
public final class NpzWriter implements AutoCloseable {
  private final ZipOutputStream zip;

  public NpzWriter(OutputStream out) {
    this.zip = new ZipOutputStream(out);
    zip.setLevel(1);
  }

  /**
   * Adds {@code name.npy} of dtype float32 and {@code shape}, reading {@code prod(shape)·4} little-endian bytes from
   * {@code data}.
   */
  public void addFloat32(String name, long[] shape, InputStream data) throws IOException {
    zip.putNextEntry(new ZipEntry(name + ".npy"));
    zip.write(header("<f4", shape));
    long expected = 4;
    for (long d : shape) expected *= d;
    long copied = data.transferTo(zip);
    if (copied != expected) {
      throw new IOException(name + ": expected " + expected + " bytes for shape, got " + copied);
    }
    zip.closeEntry();
  }

  /** The npy 1.0 header: magic, version, length, and the dict padded with spaces to a multiple of 64 bytes. */
  static byte[] header(String descr, long[] shape) {
    StringBuilder dims = new StringBuilder();
    for (long d : shape) dims.append(d).append(", ");
    String tuple = shape.length == 1 ? "(" + shape[0] + ",)"
        : "(" + (dims.length() > 0 ? dims.substring(0, dims.length() - 2) : "") + ")";
    String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + tuple + ", }";
    int unpadded = 10 + dict.length() + 1;
    int padding = (64 - unpadded % 64) % 64;
    String text = dict + " ".repeat(padding) + "\n";
    byte[] t = text.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[10 + t.length];
    out[0] = (byte) 0x93;
    System.arraycopy("NUMPY".getBytes(StandardCharsets.US_ASCII), 0, out, 1, 5);
    out[6] = 1;
    out[7] = 0;
    out[8] = (byte) (t.length & 0xFF);
    out[9] = (byte) (t.length >> 8);
    System.arraycopy(t, 0, out, 10, t.length);
    return out;
  }

  @Override
  public void close() throws IOException {
    zip.finish();
    zip.flush();
  }
}
