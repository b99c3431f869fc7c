package io.striate.submission;

import io.striate.results.Score;
import io.striate.results.VersionResults;
import io.striate.submission.SubmissionController.SubmissionView;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Long polls and Server-Sent Event streams on submissions, served without holding a request thread: one timer
 * thread re-reads each watched submission every {@value #TICK_MILLIS} ms from PostgreSQL (so it sees jobs finished
 * by workers in any process) and completes the waiting requests whose submission changed.
 */
@Component
class SubmissionWatch implements DisposableBean {
  static final long TICK_MILLIS = 250;
  private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);
  private static final Logger log = LoggerFactory.getLogger(SubmissionWatch.class);

  private final SubmissionViews views;
  private final VersionResults results;
  private final TransactionTemplate readOnly;
  private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();
  private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "submission-watch");
    t.setDaemon(true);
    return t;
  });

  private record Waiter(long submissionId, String signature, long deadlineNanos,
                        DeferredResult<SubmissionView> result) {
  }

  private static final class Stream {
    final long submissionId;
    final long versionId;
    final SseEmitter emitter;
    final Set<Long> sentScores = new HashSet<>();
    String signature;

    Stream(long submissionId, long versionId, SseEmitter emitter) {
      this.submissionId = submissionId;
      this.versionId = versionId;
      this.emitter = emitter;
    }
  }

  SubmissionWatch(SubmissionViews views, VersionResults results, PlatformTransactionManager transactions) {
    this.views = views;
    this.results = results;
    this.readOnly = new TransactionTemplate(transactions);
    this.readOnly.setReadOnly(true);
    timer.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Completes with the submission's view when its signature differs from {@code signature}, or at the timeout. */
  DeferredResult<SubmissionView> longPoll(long submissionId, String signature, Duration timeout) {
    DeferredResult<SubmissionView> result = new DeferredResult<>(timeout.toMillis() + 5_000);
    Waiter w = new Waiter(submissionId, signature, System.nanoTime() + timeout.toNanos(), result);
    result.onCompletion(() -> waiters.remove(w));
    result.onTimeout(() -> result.setResult(read(submissionId)));
    waiters.add(w);
    return result;
  }

  SseEmitter stream(long submissionId, long versionId) {
    SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
    Stream s = new Stream(submissionId, versionId, emitter);
    emitter.onCompletion(() -> streams.remove(s));
    emitter.onTimeout(() -> {
      streams.remove(s);
      emitter.complete();
    });
    emitter.onError(e -> streams.remove(s));
    streams.add(s);
    timer.execute(this::tick); // the first state event without waiting for the next tick
    return emitter;
  }

  private SubmissionView read(long submissionId) {
    return readOnly.execute(status -> views.view(submissionId));
  }

  private synchronized void tick() {
    if (waiters.isEmpty() && streams.isEmpty()) {
      return;
    }
    try {
      Map<Long, SubmissionView> current = new HashMap<>();
      waiters.forEach(w -> current.computeIfAbsent(w.submissionId(), this::read));
      streams.forEach(s -> current.computeIfAbsent(s.submissionId, this::read));
      long now = System.nanoTime();
      for (Waiter w : waiters) {
        SubmissionView v = current.get(w.submissionId());
        if (v == null || SubmissionViews.finished(v) || !SubmissionViews.signature(v).equals(w.signature())
            || now - w.deadlineNanos() >= 0) {
          waiters.remove(w);
          w.result().setResult(v);
        }
      }
      for (Stream s : streams) {
        push(s, current.get(s.submissionId));
      }
    } catch (RuntimeException e) {
      log.warn("Watching submissions failed; retrying at the next tick", e);
    }
  }

  private void push(Stream s, SubmissionView v) {
    try {
      if (v == null) {
        s.emitter.complete();
        streams.remove(s);
        return;
      }
      String signature = SubmissionViews.signature(v);
      if (!signature.equals(s.signature)) {
        s.signature = signature;
        s.emitter.send(SseEmitter.event().name("state").data(v));
      }
      Set<Long> jobIds = new HashSet<>();
      v.jobs().forEach(j -> jobIds.add(j.id()));
      for (Score score : results.scores(s.versionId)) {
        if (score.getJobId() != null && jobIds.contains(score.getJobId()) && s.sentScores.add(score.getId())) {
          s.emitter.send(SseEmitter.event().name("score").data(scoreEvent(score)));
        }
      }
      if (SubmissionViews.finished(v)) {
        s.emitter.send(SseEmitter.event().name("finished").data(v));
        streams.remove(s);
        s.emitter.complete();
      }
    } catch (IOException | IllegalStateException gone) {
      streams.remove(s);
      s.emitter.completeWithError(gone);
    }
  }

  private static Map<String, Object> scoreEvent(Score s) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("benchmarkId", s.getBenchmarkId());
    e.put("benchmarkVersion", s.getBenchmarkVersion());
    e.put("ceiled", s.getCeiled());
    e.put("raw", s.getRaw());
    e.put("error", s.getError());
    e.put("layer", s.getLayer());
    e.put("jobId", s.getJobId());
    return e;
  }

  @Override
  public void destroy() {
    timer.shutdownNow();
  }
}
