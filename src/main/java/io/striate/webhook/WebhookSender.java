package io.striate.webhook;

import io.striate.config.StriateProperties;
import io.striate.problem.ProblemException;
import io.striate.problem.ProblemStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Sends due deliveries: every {@code striate.webhooks.poll-interval} it fans out new events ({@link WebhookOutbox}),
 * claims up to {@value #BATCH} due deliveries and POSTs them in parallel, signed ({@link WebhookSignature}). A 2xx
 * answer delivers; anything else (or no answer within the timeout) is retried after
 * {@code initialBackoff · 2^(attempt−1)} until {@code maxAttempts} are spent. Redirects are not followed and the
 * target is re-checked ({@link WebhookTargets}) before each attempt.
 */
@Component
class WebhookSender implements DisposableBean {
  static final int BATCH = 16;
  private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
  private static final int MAX_ERROR = 500;

  private final WebhookOutbox outbox;
  private final WebhookRepository webhooks;
  private final WebhookDeliveryRepository deliveries;
  private final WebhookTargets targets;
  private final StriateProperties.Webhooks settings;
  private final HttpClient http;
  private final ExecutorService senders = Executors.newFixedThreadPool(4, daemon("webhook-send"));
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("webhook-poll"));

  WebhookSender(WebhookOutbox outbox, WebhookRepository webhooks, WebhookDeliveryRepository deliveries,
                StriateProperties properties) {
    this.outbox = outbox;
    this.webhooks = webhooks;
    this.deliveries = deliveries;
    this.settings = properties.webhooks();
    this.targets = new WebhookTargets(settings.allowPrivateTargets());
    this.http = HttpClient.newBuilder().connectTimeout(settings.timeout())
        .followRedirects(HttpClient.Redirect.NEVER).build();
    long every = Math.max(10, settings.pollInterval().toMillis());
    timer.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
  }

  WebhookTargets targets() {
    return targets;
  }

  private void tick() {
    try {
      outbox.fanOut();
      List<Long> due = deliveries.claim(BATCH, settings.timeout().toSeconds() + 30.0);
      List<Callable<Void>> work = new ArrayList<>();
      for (Long id : due) {
        work.add(() -> {
          attempt(id);
          return null;
        });
      }
      senders.invokeAll(work);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("Webhook delivery round failed; retrying at the next poll", e);
    }
  }

  private void attempt(long id) {
    WebhookDelivery d = deliveries.findById(id).orElse(null);
    if (d == null) {
      return;
    }
    Webhook w = webhooks.findById(d.getWebhookId()).orElse(null);
    if (w == null || w.getDisabledAt() != null) {
      deliveries.attemptFailed(id, null, "the webhook was deleted", 0, 0);
      return;
    }
    double backoff = settings.initialBackoff().toMillis() / 1000.0 * Math.pow(2, Math.max(0, d.getAttempts() - 1));
    try {
      URI uri = targets.check(w.getUrl());
      byte[] body = d.getPayload().getBytes(StandardCharsets.UTF_8);
      long timestamp = System.currentTimeMillis() / 1000;
      HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.timeout())
          .header("Content-Type", "application/json")
          .header("User-Agent", "Striate-Webhooks/1")
          .header(WebhookSignature.EVENT, d.getEvent())
          .header(WebhookSignature.DELIVERY, String.valueOf(d.getId()))
          .header(WebhookSignature.TIMESTAMP, String.valueOf(timestamp))
          .header(WebhookSignature.HEADER, WebhookSignature.sign(w.getSecret(), timestamp, body))
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
      HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
      int code = response.statusCode();
      if (code >= 200 && code < 300) {
        deliveries.delivered(id, code);
      } else {
        deliveries.attemptFailed(id, code, "HTTP " + code, settings.maxAttempts(), backoff);
      }
    } catch (ProblemException refused) {
      deliveries.attemptFailed(id, null, truncate(refused.code() + ": " + refused.getMessage()),
          settings.maxAttempts(), backoff);
    } catch (java.io.IOException e) {
      deliveries.attemptFailed(id, null, truncate(e.getClass().getSimpleName() + ": " + e.getMessage()),
          settings.maxAttempts(), backoff);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String truncate(String s) {
    return s.length() <= MAX_ERROR ? s : s.substring(0, MAX_ERROR);
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void destroy() {
    timer.shutdownNow();
    senders.shutdownNow();
  }
}
