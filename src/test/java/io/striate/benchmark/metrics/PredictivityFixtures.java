package io.striate.benchmark.metrics;

import java.io.IOException;
import java.io.InputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the JSON fixtures written by tools/predictivity_reference.py. */
final class PredictivityFixtures {
  private PredictivityFixtures() {
  }

  static JsonNode load(String name) {
    try (InputStream in = PredictivityFixtures.class.getResourceAsStream("/fixtures/predictivity/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing fixture " + name);
      }
      return JsonMapper.builder().build().readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static double[][] matrix(JsonNode node) {
    double[][] m = new double[node.size()][];
    for (int i = 0; i < m.length; i++) {
      JsonNode row = node.get(i);
      m[i] = new double[row.size()];
      for (int j = 0; j < m[i].length; j++) {
        m[i][j] = row.get(j).asDouble();
      }
    }
    return m;
  }

  static double[] vector(JsonNode node) {
    double[] v = new double[node.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = node.get(i).asDouble();
    }
    return v;
  }

  static double maxAbsDiff(double[][] a, double[][] b) {
    double d = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[i].length; j++) {
        d = Math.max(d, Math.abs(a[i][j] - b[i][j]));
      }
    }
    return d;
  }
}
