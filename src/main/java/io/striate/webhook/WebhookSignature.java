package io.striate.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a delivery: {@code Striate-Signature: v1=HEX(HMAC-SHA256(secret, timestamp + "." + body))} with
 * {@code timestamp} the {@code Striate-Timestamp} header (Unix seconds) and {@code body} the exact request bytes.
 * Receivers recompute it, compare in constant time and reject old timestamps (replays), e.g. in Python:
 * <pre>
 * expected = hmac.new(secret.encode(), f"{ts}.".encode() + body, hashlib.sha256).hexdigest()
 * ok = hmac.compare_digest("v1=" + expected, request.headers["Striate-Signature"]) and abs(time.time() - int(ts)) &lt; 300
 * </pre>
 */
final class WebhookSignature {
  static final String HEADER = "Striate-Signature";
  static final String TIMESTAMP = "Striate-Timestamp";
  static final String EVENT = "Striate-Event";
  static final String DELIVERY = "Striate-Delivery";

  private WebhookSignature() {
  }

  static String sign(String secret, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return "v1=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
