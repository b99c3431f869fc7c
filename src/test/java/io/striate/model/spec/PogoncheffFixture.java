package io.striate.model.spec;

import io.striate.model.runtime.Npz;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test helper for the paper's reference specs ({@code fixtures/pogoncheff}, written by tools/pogoncheff_reference.py
 * from the seed repository's own modules): rebuilds the fixture's hash-random state dict bit for bit and writes it
 * as a {@code .safetensors} file with the seed's own entry names, derived buffers and batch-norm counters included.
 */
public final class PogoncheffFixture {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private PogoncheffFixture() {
  }

  /** The tool's formula: {@code offset + scale·(2u − 1)}, u = a multiplicative hash of the element index / 2³². */
  static float[] formula(long index, int n, double offset, double scale) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      long h = ((long) i * 2654435761L + index * 40503L + 12345L) % (1L << 32);
      double u = h / 4294967296.0;
      out[i] = (float) (offset + scale * (2.0 * u - 1.0));
    }
    return out;
  }

  /** The fixture's arrays (input, pooled, layer1, derived buffers) of reference spec {@code name}. */
  public static Map<String, Npz.Array> arrays(String name) {
    try (InputStream in = PogoncheffFixture.class.getResourceAsStream("/fixtures/pogoncheff/" + name + ".npz")) {
      return Npz.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the state dict of {@code name}'s fixture (every entry up to layer1) as safetensors; returns its size. */
  public static int writeSafetensors(String name, Path out) throws IOException {
    JsonNode manifest;
    try (InputStream in = PogoncheffFixture.class.getResourceAsStream("/fixtures/pogoncheff/manifest.json")) {
      manifest = JSON.readTree(in).get(name);
    }
    Map<String, Npz.Array> arrays = arrays(name);
    List<String> names = new ArrayList<>();
    List<String> dtypes = new ArrayList<>();
    List<long[]> shapes = new ArrayList<>();
    List<byte[]> data = new ArrayList<>();
    for (JsonNode e : manifest) {
      long[] shape = new long[e.get("shape").size()];
      int n = 1;
      for (int i = 0; i < shape.length; i++) {
        shape[i] = e.get("shape").get(i).asLong();
        n *= (int) shape[i];
      }
      names.add(e.get("name").asString());
      shapes.add(shape);
      if (e.get("dtype").asString().equals("int64")) {
        dtypes.add("I64");
        data.add(ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN).array()); // num_batches_tracked = 0
        continue;
      }
      float[] values = e.has("derived") ? arrays.get(e.get("fixture").asString()).floats()
          : formula(e.get("index").asLong(), n, e.get("offset").asDouble(), e.get("scale").asDouble());
      ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
      for (float v : values) b.putFloat(v);
      dtypes.add("F32");
      data.add(b.array());
    }
    StringBuilder header = new StringBuilder("{");
    long offset = 0;
    for (int i = 0; i < names.size(); i++) {
      StringBuilder shape = new StringBuilder();
      for (long s : shapes.get(i)) shape.append(shape.length() == 0 ? "" : ",").append(s);
      header.append(i == 0 ? "" : ",").append('"').append(names.get(i)).append("\":{\"dtype\":\"")
          .append(dtypes.get(i)).append("\",\"shape\":[").append(shape).append("],\"data_offsets\":[")
          .append(offset).append(',').append(offset + data.get(i).length).append("]}");
      offset += data.get(i).length;
    }
    header.append('}');
    while (header.length() % 8 != 0) header.append(' ');
    byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
    try (OutputStream o = Files.newOutputStream(out)) {
      o.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
      o.write(h);
      for (byte[] d : data) o.write(d);
    }
    return names.size();
  }
}
