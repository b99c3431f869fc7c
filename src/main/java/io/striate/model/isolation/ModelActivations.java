package io.striate.model.isolation;

import io.striate.model.ModelSource;
import io.striate.model.RgbImage;
import io.striate.model.runtime.ActivationExport;
import io.striate.model.runtime.ActivationRequestException;
import io.striate.model.runtime.InvalidModelException;
import io.striate.model.runtime.ModelProblem;
import io.striate.model.runtime.RuntimeProperties;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs {@code POST .../activations} requests with the same isolation and time budget as the upload check: each holds
 * a slot of a bounded pool (full: 503 {@code busy} with Retry-After) and runs in a child JVM ({@link ActivationMain})
 * that is killed when it exceeds {@code striate.runtime.isolation.activation-timeout}, so a model that spins or
 * crashes costs its requester a {@code too-slow} / {@code model-crashed} 422 and never blocks the API's own threads
 * or other users. With {@code activations-isolated=false} (tests) the export runs in this JVM on a dedicated thread,
 * still bounded by the pool and the budget; a timed-out forward there keeps its slot until it really ends.
 */
public final class ModelActivations {
  /** Time allowed on top of the budget for the child JVM and the engine to start. */
  static final Duration STARTUP_GRACE = Duration.ofSeconds(30);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final IsolationProperties isolation;
  private final RuntimeProperties runtime;
  private final Supplier<ActivationExport> inProcess;
  private final Path workRoot;
  private final ModelProcessPool pool;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "striate-activations");
    t.setDaemon(true);
    return t;
  });

  public ModelActivations(IsolationProperties isolation, RuntimeProperties runtime,
                          Supplier<ActivationExport> inProcess, Path workRoot) {
    this.isolation = isolation;
    this.runtime = runtime;
    this.inProcess = inProcess;
    this.workRoot = workRoot;
    this.pool = new ModelProcessPool("activation", isolation.activationProcesses(), isolation.queueLimit(),
        isolation.queueWait());
  }

  /**
   * Writes the {@code .npz} of {@code images} through the model to {@code out}.
   *
   * @throws ActivationRequestException too many images, unknown tap, response too large
   * @throws InvalidModelException      {@code too-slow} past the budget, {@code model-crashed}, or the model's own
   * @throws io.striate.problem.ServiceBusyException all slots busy and the queue full
   */
  public void writeNpz(ModelSource source, List<RgbImage> images, List<String> taps, Path out) throws IOException {
    ModelProcessPool.Slot slot = pool.acquire();
    if (!isolation.activationsIsolated()) {
      runInProcess(slot, source, images, taps, out);
      return;
    }
    try (slot) {
      runIsolated(source, images, taps, out);
    }
  }

  private void runInProcess(ModelProcessPool.Slot slot, ModelSource source, List<RgbImage> images,
                            List<String> taps, Path out) throws IOException {
    Future<?> task;
    java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
    try {
      task = threads.submit(() -> {
        started.set(true);
        try (slot; OutputStream stream = Files.newOutputStream(out)) {
          inProcess.get().writeNpz(source, images, taps, stream);
        }
        return null;
      });
    } catch (RuntimeException e) {
      slot.close();
      throw e;
    }
    try {
      task.get(isolation.activationTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      task.cancel(true);
      if (!started.get()) slot.close(); // never ran: its slot is free; a running forward keeps it until it ends
      throw tooSlow();
    } catch (InterruptedException e) {
      task.cancel(true);
      if (!started.get()) slot.close();
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof IOException io) throw io;
      throw new IllegalStateException(e.getCause());
    }
  }

  private void runIsolated(ModelSource source, List<RgbImage> images, List<String> taps, Path out)
      throws IOException {
    Path work = Files.createTempDirectory(workRoot, "striate-activations");
    try {
      Path imageFile = work.resolve("images.bin");
      ActivationMain.writeImages(images, imageFile);
      List<String> args = new ArrayList<>(ChildJvm.sourceArgs(source, work));
      args.add("images=" + imageFile);
      args.add("out=" + out.toAbsolutePath());
      args.add("taps=" + String.join(",", taps));
      args.add("batchSize=" + runtime.batchSize());
      args.add("maxImages=" + runtime.export().maxImages());
      args.add("maxBytes=" + runtime.export().maxBytes().toBytes());
      ChildJvm.Outcome outcome = ChildJvm.run(ActivationMain.class.getName(), isolation.childHeap(), args, work,
          isolation.activationTimeout().plus(STARTUP_GRACE));
      if (outcome.timedOut()) {
        throw tooSlow();
      }
      interpret(outcome);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while computing activations", e);
    } finally {
      ChildJvm.deleteQuietly(work);
    }
  }

  private static void interpret(ChildJvm.Outcome outcome) throws IOException {
    String line = outcome.stdout().lines().filter(l -> l.startsWith(ActivationMain.RESULT_PREFIX))
        .reduce((a, b) -> b).orElse(null);
    if (line == null) {
      String how = outcome.crashReport() != null ? "a native crash in PyTorch" : "exit status " + outcome.exit();
      throw new InvalidModelException(ModelProblem.MODEL_CRASHED, "/artifact",
          "the model process died (" + how + ") before answering");
    }
    JsonNode answer;
    try {
      answer = JSON.readTree(line.substring(ActivationMain.RESULT_PREFIX.length()));
    } catch (JacksonException e) { // Jackson 3's is unchecked; callers handle an unreadable answer as an IOException
      throw new IOException(e.getMessage(), e);
    }
    if (answer.path("ok").asBoolean()) {
      return;
    }
    String type = answer.path("type").asString();
    String code = answer.path("code").asString();
    String field = answer.path("field").isNull() ? null : answer.path("field").asString();
    String message = answer.path("message").asString();
    if (type.equals("request")) {
      throw new ActivationRequestException(code, field, message);
    }
    if (type.equals("model")) {
      ModelProblem problem = ModelProblem.fromCode(code);
      throw new InvalidModelException(problem, field, message, answer.path("hint").asString(problem.hint()), null);
    }
    throw new IllegalStateException("activation child failed: " + message);
  }

  private InvalidModelException tooSlow() {
    return new InvalidModelException(ModelProblem.TOO_SLOW, "/images", "the activations were not computed within "
        + isolation.activationTimeout().toSeconds() + " s (striate.runtime.isolation.activation-timeout); the model "
        + "process was stopped");
  }
}
