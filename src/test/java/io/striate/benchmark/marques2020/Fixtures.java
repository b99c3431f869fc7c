package io.striate.benchmark.marques2020;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads the fixtures written by {@code tools/marques_reference.py}. */
final class Fixtures {
  private Fixtures() {
  }

  static JsonNode json(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/marques2020/" + name)) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static double[] doubles(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = number(array.get(i));
    }
    return out;
  }

  /** JSON null encodes NaN. */
  static double number(JsonNode node) {
    return node == null || node.isNull() ? Double.NaN : node.asDouble();
  }
}
