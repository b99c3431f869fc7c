package io.striate.config;

import io.striate.model.isolation.IsolationProperties;
import io.striate.model.isolation.ModelActivations;
import io.striate.model.isolation.ModelProcessPool;
import io.striate.model.preflight.Preflight;
import io.striate.storage.TemporaryFiles;
import io.striate.model.preflight.PreflightCheck;
import io.striate.model.preflight.PreflightProcess;
import io.striate.model.runtime.ActivationExport;
import io.striate.model.runtime.DjlModelRuntime;
import io.striate.model.runtime.InferenceEngine;
import io.striate.model.runtime.RuntimeProperties;
import io.striate.model.spec.BlockSpecLoader;
import io.striate.model.torchscript.TorchScriptLoader;
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
   * The upload check: cheap checks, then a bounded pool of checking processes. The engine of this JVM starts only
   * when the check runs in-process ({@code striate.runtime.preflight.isolated=false}).
   */
  @Bean
  @Lazy
  Preflight preflight(RuntimeProperties properties, IsolationProperties isolation,
                      org.springframework.beans.factory.ObjectProvider<DjlModelRuntime> runtime,
                      TemporaryFiles temporaryFiles) {
    return new Preflight(properties, () -> new PreflightCheck(runtime.getObject()),
        new PreflightProcess(properties, temporaryFiles.folder("preflight")),
        new ModelProcessPool("preflight", isolation.preflightProcesses(), isolation.queueLimit(),
            isolation.queueWait()));
  }

  /** Activation requests: bounded, time-budgeted, in child JVMs by default. */
  @Bean
  @Lazy
  ModelActivations modelActivations(IsolationProperties isolation, RuntimeProperties properties,
                                    org.springframework.beans.factory.ObjectProvider<ActivationExport> export,
                                    TemporaryFiles temporaryFiles) {
    return new ModelActivations(isolation, properties, export::getObject, temporaryFiles.folder("activations"));
  }

  /**
   * Worker processes start the engine at boot, in the background, so that the engine, its version and the device
   * are logged once at start and the first job does not pay for extracting the natives.
   */
  @Bean
  org.springframework.boot.ApplicationRunner warmUpEngineOnWorkers(StriateProperties properties,
      org.springframework.beans.factory.ObjectProvider<InferenceEngine> engine) {
    return args -> {
      if (properties.isWorker()) {
        Thread warmUp = new Thread(engine::getObject, "striate-engine-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
      }
    };
  }

  @Bean
  @Lazy
  ActivationExport activationExport(DjlModelRuntime runtime, RuntimeProperties properties) {
    return new ActivationExport(runtime, properties);
  }
}
