package io.striate.submission;

import io.striate.model.isolation.IsolationProperties;
import io.striate.model.isolation.ModelActivations;
import io.striate.model.isolation.ModelProcessPool;
import io.striate.model.preflight.Preflight;
import io.striate.model.preflight.PreflightCheck;
import io.striate.model.preflight.PreflightProcess;
import io.striate.model.runtime.ActivationExport;
import io.striate.model.runtime.DjlModelRuntime;
import io.striate.model.runtime.RuntimeProperties;
import io.striate.storage.TemporaryFiles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The model processes the API starts for requests (upload checks, activation requests): bounded pools whose
 * children work in the storage directory's temporary folder (swept at start after a crash). Wired here, where both
 * the model runtime and the storage are in reach.
 */
@Configuration(proxyBeanMethods = false)
class ModelProcessConfiguration {
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
}
