package io.striate.model.runtime;

import io.striate.config.StriateProperties;
import io.striate.model.spec.BlockSpecLoader;
import io.striate.model.torchscript.TorchScriptLoader;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * Wires the DJL model runtime: one {@link InferenceEngine} per process (PyTorch natives, device, grad-free inference
 * threads), the TorchScript and block-spec loaders, the upload preflight (in a child JVM by default) and the
 * activations export. The engine starts lazily, at the first model load, so the API starts without native code.
 */
@Configuration(proxyBeanMethods = false)
class ModelRuntimeConfiguration {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ModelRuntimeConfiguration.class);

  @Bean(destroyMethod = "close")
  @Lazy
  InferenceEngine inferenceEngine(RuntimeProperties properties) {
    return new InferenceEngine(properties);
  }

  @Bean
  @Lazy
  DjlModelRuntime modelRuntime(InferenceEngine engine, RuntimeProperties properties) {
    return new DjlModelRuntime(engine, new TorchScriptLoader(engine), new BlockSpecLoader(engine), properties);
  }

  /**
   * Worker processes start the engine at boot, in the background, so that the engine, its version and the device
   * are logged once at start and the first job does not pay for extracting the natives; on a CPU whose thread count
   * nothing fixed, the intra-op threads are then calibrated ({@link ThreadCalibration}, a few seconds; a job claimed
   * meanwhile queues its forward passes behind the calibration's on the inference threads).
   */
  @Bean
  ApplicationRunner warmUpEngineOnWorkers(StriateProperties properties, RuntimeProperties runtimeProperties,
      ObjectProvider<InferenceEngine> engine, ObjectProvider<DjlModelRuntime> runtime) {
    return args -> {
      if (properties.isWorker()) {
        Thread warmUp = new Thread(() -> {
          InferenceEngine started = engine.getObject();
          if (ThreadCalibration.wanted(runtimeProperties, started)) {
            try {
              log.info("Intra-op threads calibrated: {}", ThreadCalibration.run(runtime.getObject()));
            } catch (RuntimeException e) {
              log.warn("Thread calibration failed; keeping PyTorch's default of {} intra-op threads: {}",
                  started.call(ai.djl.pytorch.jni.JniUtils::getNumThreads), e.toString());
            }
          }
        }, "striate-engine-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
      }
    };
  }

  /** GPU memory gauges, where a GPU exists ({@link GpuMemoryMetrics}). */
  @Bean
  ApplicationRunner gpuMemoryMetrics(io.micrometer.core.instrument.MeterRegistry meters) {
    return args -> GpuMemoryMetrics.register(meters);
  }

  @Bean
  @Lazy
  ActivationExport activationExport(DjlModelRuntime runtime, RuntimeProperties properties) {
    return new ActivationExport(runtime, properties);
  }
}
