package io.striate.model.runtime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Test helper: reads numpy {@code .npz} archives (uint8, float32, float64, int64; C order). */
public final class Npz {
  /** One array: shape and values widened to double (uint8 as 0..255). */
  public record Array(int[] shape, double[] values, String dtype) {
    public float[] floats() {
      float[] f = new float[values.length];
      for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
      return f;
    }

    public byte[] bytes() {
      byte[] b = new byte[values.length];
      for (int i = 0; i < b.length; i++) b[i] = (byte) (int) values[i];
      return b;
    }
  }

  private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
  private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

  private Npz() {
  }

  public static Map<String, Array> read(InputStream in) throws IOException {
    Map<String, Array> out = new HashMap<>();
    try (ZipInputStream zip = new ZipInputStream(in)) {
      ZipEntry e;
      while ((e = zip.getNextEntry()) != null) {
        String name = e.getName().endsWith(".npy") ? e.getName().substring(0, e.getName().length() - 4) : e.getName();
        out.put(name, readNpy(zip.readAllBytes()));
      }
    }
    return out;
  }

  public static Map<String, Array> resource(String path) throws IOException {
    try (InputStream in = Npz.class.getResourceAsStream(path)) {
      if (in == null) throw new IOException("missing resource " + path);
      return read(in);
    }
  }

  static Array readNpy(byte[] bytes) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes[0] != (byte) 0x93 || !new String(bytes, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
      throw new IOException("not an npy file");
    }
    int major = bytes[6];
    int headerLen;
    int offset;
    if (major == 1) {
      headerLen = b.getShort(8) & 0xFFFF;
      offset = 10;
    } else {
      headerLen = b.getInt(8);
      offset = 12;
    }
    String header = new String(bytes, offset, headerLen, StandardCharsets.US_ASCII);
    if (header.contains("'fortran_order': True")) throw new IOException("fortran order unsupported");
    Matcher d = DESCR.matcher(header);
    Matcher s = SHAPE.matcher(header);
    if (!d.find() || !s.find()) throw new IOException("bad header " + header);
    String dtype = d.group(1);
    String[] parts = s.group(1).split(",");
    int count = 1;
    int rank = 0;
    int[] shape = new int[parts.length];
    for (String p : parts) {
      if (!p.isBlank()) {
        shape[rank] = Integer.parseInt(p.strip());
        count *= shape[rank++];
      }
    }
    shape = java.util.Arrays.copyOf(shape, rank);
    double[] values = new double[count];
    ByteBuffer data = ByteBuffer.wrap(bytes, offset + headerLen, bytes.length - offset - headerLen)
        .slice().order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < count; i++) {
      values[i] = switch (dtype) {
        case "|u1" -> data.get(i) & 0xFF;
        case "<f4" -> data.getFloat(4 * i);
        case "<f8" -> data.getDouble(8 * i);
        case "<i8" -> data.getLong(8 * i);
        default -> throw new IOException("dtype " + dtype + " unsupported");
      };
    }
    return new Array(shape, values, dtype);
  }

  public static Map<String, Array> read(byte[] bytes) throws IOException {
    return read(new ByteArrayInputStream(bytes));
  }
}
