package io.striate.webhook;

import io.striate.account.Caller;
import io.striate.account.Callers;
import io.striate.account.Scope;
import io.striate.problem.ProblemException;
import io.striate.problem.ProblemStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "webhooks", description = "Signed notifications of new versions, recorded scores and finished submissions")
@RestController
@RequestMapping("/api/v1/webhooks")
class WebhookController {
  private static final int MAX_PER_OWNER = 20;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final WebhookRepository webhooks;
  private final WebhookDeliveryRepository deliveries;
  private final WebhookTargets targets;

  WebhookController(WebhookRepository webhooks, WebhookDeliveryRepository deliveries, WebhookSender sender) {
    this.webhooks = webhooks;
    this.deliveries = deliveries;
    this.targets = sender.targets();
  }

  record Register(String url, List<String> events) {
  }

  /** @param secret the HMAC key, returned once at registration only */
  record WebhookView(long id, String owner, String url, List<String> events, Instant createdAt, String secret) {
  }

  record DeliveryView(long id, long webhookId, String event, String status, int attempts, Integer responseCode,
                      String lastError, Instant nextAttemptAt, Instant createdAt, Instant deliveredAt, Long replayOf) {
  }

  @Operation(summary = "Register a webhook",
      description = "Events: `version.created`, `submission.finished`, `score.recorded` (of the caller's models and "
          + "submissions). Each delivery is a POST of `{\"event\", \"occurredAt\", \"data\"}` with headers "
          + "`Striate-Event`, `Striate-Delivery` (id), `Striate-Timestamp` (Unix seconds) and `Striate-Signature: "
          + "v1=HEX(HMAC-SHA256(secret, timestamp + \".\" + body))`; verify it (Python: `hmac.compare_digest(\"v1=\" + "
          + "hmac.new(secret.encode(), f\"{ts}.\".encode() + body, hashlib.sha256).hexdigest(), signature)`) and "
          + "reject old timestamps. Non-2xx answers are retried with exponential backoff. URLs must be http(s); "
          + "loopback, private and link-local targets are refused unless the administrator set "
          + "striate.webhooks.allow-private-targets. The `secret` is shown in this answer only.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(value = """
      {"url": "https://ci.example.org/striate-hook", "events": ["submission.finished", "score.recorded"]}""")))
  @ApiResponse(responseCode = "201", description = "Registered; the secret is shown in this answer only", useReturnTypeSchema = true)
  @PostMapping
  ResponseEntity<WebhookView> register(@RequestBody Register body, HttpServletRequest request) {
    Caller caller = Callers.require(request, Scope.SUBMIT);
    if (body.url() == null || body.url().isBlank()) {
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "invalid-field", "url is required", "/url",
          "e.g. https://ci.example.org/striate-hook");
    }
    List<String> events = body.events() == null || body.events().isEmpty() ? WebhookEvents.ALL : body.events();
    for (int i = 0; i < events.size(); i++) {
      if (!WebhookEvents.ALL.contains(events.get(i))) {
        throw new ProblemException(ProblemStatus.BAD_REQUEST, "unknown-event", "'" + events.get(i)
            + "' is not a webhook event", "/events/" + i, "Events: " + String.join(", ", WebhookEvents.ALL));
      }
    }
    targets.check(body.url());
    if (webhooks.findByOwnerAndDisabledAtIsNullOrderByIdAsc(caller.owner()).size() >= MAX_PER_OWNER) {
      throw new ProblemException(ProblemStatus.CONFLICT, "too-many-webhooks", "Owner '" + caller.owner() + "' already has "
          + MAX_PER_OWNER + " webhooks", "/url", "Delete one you no longer use: DELETE /api/v1/webhooks/{id}");
    }
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    Webhook w = webhooks.save(new Webhook(caller.owner(), body.url(), List.copyOf(
        new java.util.LinkedHashSet<>(events)), "whsec_" + HexFormat.of().formatHex(key)));
    return ResponseEntity.created(URI.create("/api/v1/webhooks/" + w.getId())).body(view(w, w.getSecret()));
  }

  @Operation(summary = "The caller's webhooks (without secrets)")
  @GetMapping
  List<WebhookView> list(HttpServletRequest request) {
    Caller caller = Callers.require(request, Scope.SUBMIT);
    return webhooks.findByOwnerAndDisabledAtIsNullOrderByIdAsc(caller.owner()).stream().map(w -> view(w, null))
        .toList();
  }

  @Operation(summary = "Delete a webhook", description = "Pending deliveries are not sent.")
  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@PathVariable long id, HttpServletRequest request) {
    Webhook w = owned(id, request);
    w.disable();
    webhooks.save(w);
    return ResponseEntity.noContent().build();
  }

  @Operation(summary = "The delivery log: the last 100 deliveries, newest first",
      description = "status (pending, delivered, failed), attempts, the last response code or error and when the "
          + "next attempt is due.")
  @GetMapping("/{id}/deliveries")
  List<DeliveryView> deliveries(@PathVariable long id, HttpServletRequest request) {
    owned(id, request);
    return deliveries.findTop100ByWebhookIdOrderByIdDesc(id).stream().map(WebhookController::view).toList();
  }

  @Operation(summary = "Send a delivery again",
      description = "Queues a new delivery with the same body (and `replayOf` set), signed afresh; 202.")
  @PostMapping("/{id}/deliveries/{deliveryId}/replay")
  ResponseEntity<DeliveryView> replay(@PathVariable long id, @PathVariable long deliveryId,
                                      HttpServletRequest request) {
    owned(id, request);
    WebhookDelivery original = deliveries.findById(deliveryId).filter(d -> d.getWebhookId() == id)
        .orElseThrow(() -> ProblemException.notFound("delivery", deliveryId));
    WebhookDelivery copy = deliveries.save(new WebhookDelivery(id, original.getEvent(), original.getPayload(),
        original.getId()));
    return ResponseEntity.accepted().body(view(copy));
  }

  private Webhook owned(long id, HttpServletRequest request) {
    Caller caller = Callers.require(request, Scope.SUBMIT);
    return webhooks.findById(id).filter(w -> w.getDisabledAt() == null && caller.owns(w.getOwner()))
        .orElseThrow(() -> ProblemException.notFound("webhook", id));
  }

  private static WebhookView view(Webhook w, String secret) {
    return new WebhookView(w.getId(), w.getOwner(), w.getUrl(), w.getEvents(), w.getCreatedAt(), secret);
  }

  private static DeliveryView view(WebhookDelivery d) {
    return new DeliveryView(d.getId(), d.getWebhookId(), d.getEvent(), d.getStatus(), d.getAttempts(),
        d.getResponseCode(), d.getLastError(), d.getNextAttemptAt(), d.getCreatedAt(), d.getDeliveredAt(),
        d.getReplayOf());
  }
}
