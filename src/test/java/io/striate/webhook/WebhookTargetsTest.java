package io.striate.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.striate.problem.ProblemException;
import io.striate.problem.ProblemStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookTargetsTest {
  private final WebhookTargets guard = new WebhookTargets(false);

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:8080/x", "http://localhost/x", "http://10.1.2.3/", "http://172.16.0.9/",
      "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data/", "http://100.64.0.1/", "http://0.0.0.0/",
      "http://[::1]/", "http://[fd12:3456::1]/", "http://[fe80::1]/", "http://[::ffff:127.0.0.1]/",
      "https://224.0.0.1/"})
  void refusesLoopbackPrivateAndLinkLocalTargets(String url) {
    assertThatThrownBy(() -> guard.check(url)).isInstanceOfSatisfying(ProblemException.class, e -> {
      assertThat(e.code()).isEqualTo("webhook-target-private");
      assertThat(e.field()).isEqualTo("/url");
      assertThat(e.hint()).contains("allow-private-targets");
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://example.org/x", "file:///etc/passwd", "gopher://1.2.3.4/", "not a url",
      "http:///nohost", "https://user:pw@93.184.216.34/"})
  void refusesWhatIsNotAPlainHttpUrl(String url) {
    assertThatThrownBy(() -> guard.check(url)).isInstanceOfSatisfying(ProblemException.class,
        e -> assertThat(e.code()).isEqualTo("invalid-webhook-url"));
  }

  @Test
  void acceptsPublicAddressesAndPrivateOnesWhenAllowed() {
    assertThat(guard.check("https://93.184.216.34/hook").getHost()).isEqualTo("93.184.216.34");
    assertThat(guard.check("http://[2606:2800:220:1:248:1893:25c8:1946]/").getPort()).isEqualTo(-1);
    assertThat(new WebhookTargets(true).check("http://127.0.0.1:9/x").getPort()).isEqualTo(9);
  }

  @Test
  void signatureIsHmacSha256OverTimestampDotBody() {
    // the value computed independently by Python: python3 -c "import hmac,hashlib;
    // print(hmac.new(b'whsec_test', b'1700000000.{\"a\":1}', hashlib.sha256).hexdigest())"
    assertThat(WebhookSignature.sign("whsec_test", 1700000000L, "{\"a\":1}".getBytes()))
        .isEqualTo("v1=" + PYTHON_HMAC);
  }

  private static final String PYTHON_HMAC = "38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789";
}
