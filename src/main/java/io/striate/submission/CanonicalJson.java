package io.striate.submission;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.io.NumberOutput;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Canonical JSON of a block spec, RFC 8785 (JSON Canonicalization Scheme): object members sorted by the UTF-16 code
 * units of their names, no insignificant whitespace, strings escaped as ECMAScript's {@code JSON.stringify} does
 * (only the quote, the backslash and control characters: {@code \b \t \n \f \r}, else a six-character
 * {@code u00xx} escape), numbers as IEEE-754 doubles written by ECMAScript's {@code Number.prototype.toString}
 * (shortest round-trip digits, so {@code 8}, {@code 8.0} and {@code 8e0} are all {@code 8}), UTF-8. Two specs that
 * are equal as JSON values have the same bytes and therefore the same version hash.
 *
 * <p>Versions registered before V14 were hashed over {@link #legacyBytes} (sorted keys, Jackson's number spelling);
 * the upload path looks them up under that form too, so they stay addressable.
 */
final class CanonicalJson {
  private CanonicalJson() {
  }

  /** The RFC 8785 canonical form of {@code node}, UTF-8. */
  static byte[] bytes(JsonNode node) {
    StringBuilder out = new StringBuilder();
    write(node, out);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The form used before RFC 8785 (keys sorted, numbers as parsed): only to find versions registered with it. */
  static byte[] legacyBytes(JsonMapper json, JsonNode node) {
    return json.writeValueAsString(sorted(node)).getBytes(StandardCharsets.UTF_8);
  }

  private static void write(JsonNode node, StringBuilder out) {
    if (node.isObject()) {
      Map<String, JsonNode> members = new TreeMap<>();  // String order is UTF-16 code-unit order, as RFC 8785 asks
      node.properties().forEach(e -> members.put(e.getKey(), e.getValue()));
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonNode> e : members.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        string(e.getKey(), out);
        out.append(':');
        write(e.getValue(), out);
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(node.get(i), out);
      }
      out.append(']');
    } else if (node.isString()) {
      string(node.asString(), out);
    } else if (node.isNumber()) {
      out.append(number(node.doubleValue()));
    } else if (node.isBoolean()) {
      out.append(node.booleanValue());
    } else {
      out.append("null");
    }
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\f' -> out.append("\\f");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /**
   * ECMAScript's Number::toString(x) for a finite double (ECMA-262 §6.1.6.1.20): with the shortest digits
   * {@code s} (k of them) and exponent n such that x = s × 10^(n−k): integers up to 21 digits in full,
   * decimals with −6 < n ≤ 21 in positional notation, otherwise {@code d.ddde±n}. The digits come from Jackson's
   * Schubfach writer (Java 17's {@code Double.toString} is not always shortest).
   */
  static String number(double x) {
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      throw new IllegalArgumentException("JSON has no " + x);
    }
    if (x == 0) {
      return "0";
    }
    double magnitude = Math.abs(x);
    String[] digitsAndPoint = decimal(NumberOutput.toString(magnitude, true));  // e.g. 8.0, 0.001, 1.0E23
    if (digitsAndPoint[0].length() == 2) {
      // Java writes two digits where one would do (4.9E-324); ECMAScript takes the one digit when it round-trips
      BigDecimal one = new BigDecimal(magnitude).round(new MathContext(1, RoundingMode.HALF_EVEN));
      if (one.doubleValue() == magnitude) {
        digitsAndPoint = decimal(one.toString());
      }
    }
    String s = digitsAndPoint[0];
    int n = Integer.parseInt(digitsAndPoint[1]);
    int k = s.length();
    StringBuilder out = new StringBuilder(x < 0 ? "-" : "");
    if (k <= n && n <= 21) {
      out.append(s).append("0".repeat(n - k));
    } else if (0 < n && n <= 21) {
      out.append(s, 0, n).append('.').append(s, n, k);
    } else if (-6 < n && n <= 0) {
      out.append("0.").append("0".repeat(-n)).append(s);
    } else {
      int shown = n - 1;
      out.append(s.charAt(0));
      if (k > 1) {
        out.append('.').append(s, 1, k);
      }
      out.append('e').append(shown < 0 ? '-' : '+').append(Math.abs(shown));
    }
    return out.toString();
  }

  /**
   * The significant digits (no leading or trailing zeros) and the exponent n of x = 0.digits × 10^n, from a
   * Java-style decimal ({@code 1.0E23}, {@code 0.001}, {@code 5E-324}).
   */
  private static String[] decimal(String text) {
    int e = text.indexOf('E');
    String mantissa = e < 0 ? text : text.substring(0, e);
    int exponent = e < 0 ? 0 : Integer.parseInt(text.substring(e + 1));
    int point = mantissa.indexOf('.');
    String digits = point < 0 ? mantissa : mantissa.substring(0, point) + mantissa.substring(point + 1);
    int n = (point < 0 ? mantissa.length() : point) + exponent;
    int lead = 0;
    while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
      lead++;
    }
    int end = digits.length();
    while (end > lead + 1 && digits.charAt(end - 1) == '0') {
      end--;
    }
    return new String[] {digits.substring(lead, end), Integer.toString(n - lead)};
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      Map<String, JsonNode> fields = new TreeMap<>();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        fields.put(e.getKey(), sorted(e.getValue()));
      }
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      fields.forEach(out::set);
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      node.forEach(child -> out.add(sorted(child)));
      return out;
    }
    return node;
  }
}
