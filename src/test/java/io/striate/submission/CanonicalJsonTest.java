package io.striate.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 8785 canonical JSON against the RFC's own test vectors (Appendix B for numbers, §3.2.2 for a whole
 * document), an independent reference: the expected strings are ECMAScript's, copied from the RFC.
 */
class CanonicalJsonTest {
  private final JsonMapper json = JsonMapper.builder().build();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "0000000000000000, 0",
      "8000000000000000, 0",
      "0000000000000001, 5e-324",
      "8000000000000001, -5e-324",
      "7fefffffffffffff, 1.7976931348623157e+308",
      "ffefffffffffffff, -1.7976931348623157e+308",
      "4340000000000000, 9007199254740992",
      "c340000000000000, -9007199254740992",
      "4430000000000000, 295147905179352830000",
      "44b52d02c7e14af5, 9.999999999999997e+22",
      "44b52d02c7e14af6, 1e+23",
      "44b52d02c7e14af7, 1.0000000000000001e+23",
      "444b1ae4d6e2ef4e, 999999999999999700000",
      "444b1ae4d6e2ef4f, 999999999999999900000",
      "444b1ae4d6e2ef50, 1e+21",
      "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
      "3eb0c6f7a0b5ed8d, 0.000001",
      "41b3de4355555553, 333333333.3333332",
      "41b3de4355555554, 333333333.33333325",
      "41b3de4355555555, 333333333.3333333",
      "41b3de4355555556, 333333333.3333334",
      "41b3de4355555557, 333333333.33333343",
      "becbf647612f3696, -0.0000033333333333333333",
      "43143ff3c1cb0959, 1424953923781206.2"})
  void numbersAreWrittenAsEcmaScriptDoes(String ieee754, String expected) {
    double x = Double.longBitsToDouble(Long.parseUnsignedLong(ieee754, 16));
    assertThat(CanonicalJson.number(x)).isEqualTo(expected);
  }

  @Test
  void theRfcExampleDocumentIsCanonicalised() {
    String input = """
        {
          "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
          "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
          "literals": [null, true, false]
        }""";
    String expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
        + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
    assertThat(text(input)).isEqualTo(expected);
  }

  @Test
  void equalValuesSpelledDifferentlyAreOneForm() {
    assertThat(text("{\"b\": 8.0, \"a\": [1e0, 0.50, -0.0]}")).isEqualTo(text("{\"a\":[1,0.5,0],\"b\":8}"))
        .isEqualTo("{\"a\":[1,0.5,0],\"b\":8}");
  }

  @Test
  void membersAreSortedByUtf16CodeUnits() {
    // RFC 8785 §3.2.3: "\r" < "1" < "\u0080" < "ö" < "€" < "😀" (a surrogate pair) < "\ufb33"
    String sorted = text("{\"\\u20ac\": 1, \"\\ud83d\\ude00\": 2, \"\\ufb33\": 3, \"1\": 4, \"\\u00f6\": 5, "
        + "\"\\u0080\": 6, \"\\r\": 7}");
    assertThat(sorted).isEqualTo("{\"\\r\":7,\"1\":4,\"\u0080\":6,\"ö\":5,\"€\":1,\"😀\":2,\"\ufb33\":3}");
  }

  @Test
  void theLegacyFormKeepsTheNumbersAsSpelled() {
    byte[] legacy = CanonicalJson.legacyBytes(json, json.readTree("{\"b\": 8.0, \"a\": 1}"));
    assertThat(new String(legacy, StandardCharsets.UTF_8)).isEqualTo("{\"a\":1,\"b\":8.0}");
  }

  private String text(String document) {
    return new String(CanonicalJson.bytes(json.readTree(document)), StandardCharsets.UTF_8);
  }
}
