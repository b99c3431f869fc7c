package io.striate.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.striate.support.IntegrationTest;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Webhooks end to end against a local receiver on loopback (allowed by the test configuration): signed deliveries of
 * the three events, retries after failures with the delivery log, replay, and refused registrations.
 */
class WebhookIntegrationTest extends IntegrationTest {
  private HttpServer receiver;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger failFirst = new AtomicInteger();

  record Received(String event, String delivery, String timestamp, String signature, byte[] body, int answered) {
  }

  @BeforeEach
  void startReceiver() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      int code = failFirst.getAndDecrement() > 0 ? 503 : 204;
      received.add(new Received(exchange.getRequestHeaders().getFirst("Striate-Event"),
          exchange.getRequestHeaders().getFirst("Striate-Delivery"),
          exchange.getRequestHeaders().getFirst("Striate-Timestamp"),
          exchange.getRequestHeaders().getFirst("Striate-Signature"), body, code));
      exchange.sendResponseHeaders(code, -1);
      exchange.close();
    });
    receiver.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.stop(0);
  }

  private String hookUrl() {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
  }

  /** The receiver's check, written out independently of Striate's signer. */
  private static boolean verified(Received r, String secret) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] signed = (r.timestamp() + "." + new String(r.body(), StandardCharsets.UTF_8))
        .getBytes(StandardCharsets.UTF_8);
    String expected = "v1=" + HexFormat.of().formatHex(mac.doFinal(signed));
    boolean fresh = Math.abs(Instant.now().getEpochSecond() - Long.parseLong(r.timestamp())) < 300;
    return java.security.MessageDigest.isEqual(expected.getBytes(), r.signature().getBytes()) && fresh;
  }

  private void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what + "; received " + received.stream()
            .map(r -> r.event() + "/" + r.answered()).toList());
      }
      Thread.sleep(50);
    }
  }

  @Test
  void signedDeliveriesAreRetriedLoggedAndReplayable() throws Exception {
    String token = userToken("hooks");
    var reg = api.post("/api/v1/webhooks", token, Map.of("url", hookUrl(), "events", List.of("version.created",
        "score.recorded", "submission.finished")));
    assertThat(reg.status()).as(reg.body()).isEqualTo(201);
    long hook = reg.json().get("id").asLong();
    String secret = reg.json().get("secret").asString();
    assertThat(secret).startsWith("whsec_");
    assertThat(api.get("/api/v1/webhooks", token).body()).doesNotContain(secret);

    failFirst.set(2); // the first two attempts are answered 503
    long model = createModel(token, "hooked-model");
    long version = testVersion(token, model, "hooked");
    var sub = api.post("/api/v1/submissions", token, Map.of("modelVersionId", version, "benchmarks",
        List.of("test-quick")));
    assertThat(sub.status()).isEqualTo(201);

    await(() -> received.stream().filter(r -> r.answered() == 204).map(Received::event).distinct().count() == 3,
        "the three events delivered");
    for (Received r : received) {
      assertThat(verified(r, secret)).as("signature of " + r.event()).isTrue();
      assertThat(verified(r, "whsec_wrong")).isFalse();
    }
    JsonNode finished = null;
    for (Received r : received) {
      if ("submission.finished".equals(r.event())) {
        finished = tools.jackson.databind.json.JsonMapper.builder().build().readTree(r.body());
      }
    }
    assertThat(finished.get("data").get("state").asString()).isEqualTo("succeeded");
    assertThat(finished.get("data").get("submissionId").asLong()).isEqualTo(sub.json().get("id").asLong());

    JsonNode log = api.get("/api/v1/webhooks/" + hook + "/deliveries", token).json();
    assertThat(log.size()).isEqualTo(3);
    int attempts = 0;
    for (JsonNode d : log) {
      assertThat(d.get("status").asString()).isEqualTo("delivered");
      assertThat(d.get("responseCode").asInt()).isEqualTo(204);
      attempts += d.get("attempts").asInt();
    }
    assertThat(attempts).as("two failed attempts were retried").isEqualTo(5);

    long first = log.get(log.size() - 1).get("id").asLong();
    var replay = api.post("/api/v1/webhooks/" + hook + "/deliveries/" + first + "/replay", token, Map.of());
    assertThat(replay.status()).isEqualTo(202);
    assertThat(replay.json().get("replayOf").asLong()).isEqualTo(first);
    int before = received.size();
    await(() -> received.size() > before, "the replay");
    assertThat(verified(received.get(received.size() - 1), secret)).isTrue();

    // another owner sees neither the webhook nor its log
    String other = userToken("not-hooks");
    assertThat(api.get("/api/v1/webhooks/" + hook + "/deliveries", other).status()).isEqualTo(404);
  }

  @Test
  void failedAttemptsBackOffAndEndAsFailedInTheLog() throws Exception {
    String token = userToken("hooks-down");
    var reg = api.post("/api/v1/webhooks", token, Map.of("url", hookUrl(), "events", List.of("version.created")));
    long hook = reg.json().get("id").asLong();
    failFirst.set(1000);
    testVersion(token, createModel(token, "hooks-down-model"), "hooks-down");
    await(() -> {
      JsonNode log = api.get("/api/v1/webhooks/" + hook + "/deliveries", token).json();
      return log.size() == 1 && log.get(0).get("status").asString().equals("failed");
    }, "the delivery to fail after its attempts");
    JsonNode d = api.get("/api/v1/webhooks/" + hook + "/deliveries", token).json().get(0);
    assertThat(d.get("attempts").asInt()).isEqualTo(6);
    assertThat(d.get("responseCode").asInt()).isEqualTo(503);
    assertThat(d.get("lastError").asString()).isEqualTo("HTTP 503");
    assertThat(d.get("nextAttemptAt").isNull()).isTrue();
    // exponential backoff 100 ms · 2^k: the 6 attempts span at least 100+200+400+800+1600 ms
    List<Received> attempts = received.stream().filter(r -> "version.created".equals(r.event())).toList();
    assertThat(attempts).hasSize(6);
    long spanMillis = (Long.parseLong(attempts.get(5).timestamp()) - Long.parseLong(attempts.get(0).timestamp()))
        * 1000;
    assertThat(spanMillis).isGreaterThanOrEqualTo(2000);
  }

  @Test
  void badRegistrationsAreProblems() {
    String token = userToken("hooks-bad");
    var scheme = api.post("/api/v1/webhooks", token, Map.of("url", "ftp://example.org/x"));
    assertThat(scheme.status()).isEqualTo(400);
    assertThat(scheme.json().get("code").asString()).isEqualTo("invalid-webhook-url");
    assertThat(scheme.json().get("field").asString()).isEqualTo("/url");
    var event = api.post("/api/v1/webhooks", token, Map.of("url", hookUrl(), "events", List.of("score.recorded",
        "model.deleted")));
    assertThat(event.status()).isEqualTo(400);
    assertThat(event.json().get("code").asString()).isEqualTo("unknown-event");
    assertThat(event.json().get("field").asString()).isEqualTo("/events/1");
    assertThat(api.post("/api/v1/webhooks", null, Map.of("url", hookUrl())).status()).isEqualTo(401);
  }
}
