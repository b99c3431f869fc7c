package io.striate.model.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DJL's PyTorch engine, the device models run on, and the fixed pool of inference threads.
 *
 * <p>Every inference thread switches PyTorch's thread-local autograd off ({@code JniUtils.setGradMode(false)}) before
 * it runs anything: DJL does so only on the thread that first loads the engine, and Java-built blocks would
 * otherwise record a graph (notes/djl.md §5.2). TorchScript calls additionally run under {@code InferenceMode}.
 * The engine, its version and the device are logged once per JVM.
 */
public final class InferenceEngine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(InferenceEngine.class);
  private static final AtomicBoolean LOGGED = new AtomicBoolean();
  public static final String ENGINE_NAME = "PyTorch";

  private final Engine engine;
  private final Device device;
  private final ExecutorService pool;
  private final int threads;

  public InferenceEngine(RuntimeProperties properties) {
    if (properties.nativeThreads() > 0 && System.getProperty("ai.djl.pytorch.num_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(properties.nativeThreads()));
    }
    this.engine = Engine.getEngine(ENGINE_NAME);
    this.device = chooseDevice(properties.device(), engine.getGpuCount());
    this.threads = properties.inferenceThreads();
    this.pool = Executors.newFixedThreadPool(threads, gradFreeThreads());
    if (LOGGED.compareAndSet(false, true)) {
      log.info("Model runtime: engine {} {} (libtorch threads intra={} inter={}), device {}, {} inference thread(s)",
          engine.getEngineName(), engine.getVersion(), JniUtils.getNumThreads(), JniUtils.getNumInteropThreads(),
          device, threads);
    }
  }

  /**
   * The device for a setting: {@code auto} picks GPU 0 when {@code gpuCount > 0}; {@code cpu}, {@code gpu},
   * {@code gpuN} force one.
   */
  static Device chooseDevice(String setting, int gpuCount) {
    String s = setting == null ? "auto" : setting.trim().toLowerCase(Locale.ROOT);
    if (s.isEmpty() || s.equals("auto")) {
      return gpuCount > 0 ? Device.gpu(0) : Device.cpu();
    }
    if (s.equals("cpu")) {
      return Device.cpu();
    }
    if (s.startsWith("gpu")) {
      int id = s.length() == 3 ? 0 : Integer.parseInt(s.substring(3));
      if (id >= gpuCount) {
        throw new IllegalStateException("striate.runtime.device=" + setting + " but the engine sees "
            + gpuCount + " GPU(s)");
      }
      return Device.gpu(id);
    }
    throw new IllegalArgumentException("striate.runtime.device must be auto, cpu, gpu or gpuN, not " + setting);
  }

  private static ThreadFactory gradFreeThreads() {
    AtomicInteger n = new AtomicInteger();
    return task -> {
      Thread t = new Thread(() -> {
        JniUtils.setGradMode(false);
        task.run();
      }, "striate-inference-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  public Device device() {
    return device;
  }

  public Engine engine() {
    return engine;
  }

  public int threads() {
    return threads;
  }

  /**
   * Sets libtorch's intra-op thread count on every inference thread. With PyTorch's OpenMP backend the count is the
   * calling thread's ({@code omp_set_num_threads}), so each thread of the pool sets its own: one task per thread,
   * held at a latch until all have started, so that no thread takes two.
   */
  public void intraOpThreads(int count) {
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(threads);
    List<Future<Object>> tasks = new java.util.ArrayList<>();
    for (int i = 0; i < threads; i++) {
      tasks.add(submit(() -> {
        JniUtils.setNumThreads(count);
        started.countDown();
        started.await();
        return null;
      }));
    }
    tasks.forEach(InferenceEngine::await);
  }

  /** Starts {@code task} on an inference thread. */
  public <T> Future<T> submit(Callable<T> task) {
    return pool.submit(task);
  }

  /** Runs {@code task} on an inference thread and waits for it; unwraps its exception. */
  public <T> T call(Callable<T> task) {
    return await(submit(task));
  }

  /** Waits for a task started with {@link #submit}; rethrows its unchecked exception as is. */
  public static <T> T await(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for inference", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) throw r;
      if (cause instanceof Error err) throw err;
      throw new IllegalStateException(cause);
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }

  @Override
  public String toString() {
    return engine.getEngineName() + " " + engine.getVersion() + " on " + device;
  }
}
