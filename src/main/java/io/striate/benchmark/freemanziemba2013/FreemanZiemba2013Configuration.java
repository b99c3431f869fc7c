package io.striate.benchmark.freemanziemba2013;

import io.striate.benchmark.Benchmark;
import io.striate.dataset.DatasetStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the FreemanZiemba2013 neural-predictivity benchmarks (private {@code FreemanZiemba2013.V1-pls}, child
 * of V1; public {@code FreemanZiemba2013public.V1-pls} for layer selection; the ridge variant), the dataset store
 * under {@code striate.storage.dir} and the V1 layer sweep, with the ceiling normalisation of
 * {@link PredictivityProperties}.
 */
@Configuration(proxyBeanMethods = false)
public class FreemanZiemba2013Configuration {
  @Bean
  DatasetStore datasetStore(io.striate.config.StriateProperties properties) {
    return new DatasetStore(properties.storage().dir());
  }

  @Bean
  Benchmark freemanZiemba2013V1Pls(DatasetStore store,
                                   PredictivityProperties predictivity) {
    return FreemanZiemba2013Benchmarks.privatePls(() -> store.load(FreemanZiemba2013Benchmarks.PRIVATE_DATASET),
        predictivity.normalisation());
  }

  /**
   * The public split, run as the layer sweep that commits a version's V1 layer (no PCA fit images are distributable
   * here, so layers are scored unprojected); see {@link LayerSelectingBenchmark}.
   */
  @Bean
  Benchmark freemanZiemba2013PublicV1Pls(DatasetStore store,
      PredictivityProperties predictivity) {
    RecordingSource data = () -> store.load(FreemanZiemba2013Benchmarks.PUBLIC_DATASET);
    NeuralPredictivityBenchmark publicPls = FreemanZiemba2013Benchmarks.publicPls(data, predictivity.normalisation());
    return new LayerSelectingBenchmark(publicPls, new V1LayerSweep(publicPls, data, null, 8.0));
  }

  @Bean
  Benchmark freemanZiemba2013V1Ridge(DatasetStore store,
                                     PredictivityProperties predictivity) {
    return FreemanZiemba2013Benchmarks.privateRidge(() -> store.load(FreemanZiemba2013Benchmarks.PRIVATE_DATASET),
        predictivity.normalisation());
  }
}
