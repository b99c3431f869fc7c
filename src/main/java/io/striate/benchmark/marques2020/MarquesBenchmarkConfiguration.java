package io.striate.benchmark.marques2020;

import io.striate.benchmark.Benchmark;
import io.striate.benchmark.marques2020.data.MarquesDataStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the 22 Marques 2020 property benchmarks as {@link Benchmark} beans (ids verbatim from Brain-Score),
 * plus their shared collaborators: the embedded histograms, the data store for imported assemblies under
 * {@code striate.storage.dir} and the physiology sessions.
 */
@Configuration(proxyBeanMethods = false)
public class MarquesBenchmarkConfiguration {
  @Bean
  MarquesReferenceData marquesReferenceData() {
    return MarquesReferenceData.load();
  }

  @Bean
  MarquesDataStore marquesDataStore(io.striate.config.StriateProperties properties) {
    return new MarquesDataStore(properties.storage().dir());
  }

  @Bean
  MarquesPhysiology marquesPhysiology() {
    return new MarquesPhysiology(PhysiologySettings.DEFAULTS);
  }

  @Bean
  MarquesBenchmarkFactory marquesBenchmarkFactory(MarquesReferenceData data, MarquesDataStore store,
                                                  MarquesPhysiology physiology) {
    return new MarquesBenchmarkFactory(data, store, physiology);
  }

  @Bean
  Benchmark marquesRingach2002CircularVariance(MarquesBenchmarkFactory factory) {
    return factory.create("Marques2020_Ringach2002-circular_variance");
  }

  @Bean
  Benchmark marquesRingach2002OrBandwidth(MarquesBenchmarkFactory factory) {
    return factory.create("Marques2020_Ringach2002-or_bandwidth");
  }

  @Bean
  Benchmark marquesRingach2002OrthPrefRatio(MarquesBenchmarkFactory factory) {
    return factory.create("Marques2020_Ringach2002-orth_pref_ratio");
  }

  @Bean
  Benchmark marquesRingach2002OrSelective(MarquesBenchmarkFactory factory) {
    return factory.create("Marques2020_Ringach2002-or_selective");
  }

  @Bean
  Benchmark marquesRingach2002CvBandwidthRatio(MarquesBenchmarkFactory factory) {
    return factory.create("Marques2020_Ringach2002-cv_bandwidth_ratio");
  }

  @Bean
  Benchmark marquesRingach2002OprCvDiff(MarquesBenchmarkFactory factory) {
    return factory.create("Marques2020_Ringach2002-opr_cv_diff");
  }

  @Bean
  Benchmark marquesDeValois1982PrefOr(MarquesBenchmarkFactory factory) {
    return factory.create("Marques2020_DeValois1982-pref_or");
  }

  @Bean
  Benchmark marquesDeValois1982PeakSf(MarquesBenchmarkFactory factory) {
    return factory.create("Marques2020_DeValois1982-peak_sf");
  }

  @Bean
  Benchmark marquesSchiller1976SfSelective(MarquesBenchmarkFactory factory) {
    return factory.create("Marques2020_Schiller1976-sf_selective");
  }

  @Bean
  Benchmark marquesSchiller1976SfBandwidth(MarquesBenchmarkFactory factory) {
    return factory.create("Marques2020_Schiller1976-sf_bandwidth");
  }

  @Bean
  Benchmark marquesRingach2002ModulationRatio(MarquesBenchmarkFactory factory) {
    return factory.create("Marques2020_Ringach2002-modulation_ratio");
  }

  @Bean
  Benchmark marquesFreemanZiemba2013TextureSelectivity(MarquesBenchmarkFactory factory) {
    return factory.create("Marques2020_FreemanZiemba2013-texture_selectivity");
  }

  @Bean
  Benchmark marquesFreemanZiemba2013TextureSparseness(MarquesBenchmarkFactory factory) {
    return factory.create("Marques2020_FreemanZiemba2013-texture_sparseness");
  }

  @Bean
  Benchmark marquesFreemanZiemba2013TextureVarianceRatio(MarquesBenchmarkFactory factory) {
    return factory.create("Marques2020_FreemanZiemba2013-texture_variance_ratio");
  }

  @Bean
  Benchmark marquesCavanaugh2002GratingSummationField(MarquesBenchmarkFactory factory) {
    return factory.create("Marques2020_Cavanaugh2002-grating_summation_field");
  }

  @Bean
  Benchmark marquesCavanaugh2002SurroundDiameter(MarquesBenchmarkFactory factory) {
    return factory.create("Marques2020_Cavanaugh2002-surround_diameter");
  }

  @Bean
  Benchmark marquesCavanaugh2002SurroundSuppressionIndex(MarquesBenchmarkFactory factory) {
    return factory.create("Marques2020_Cavanaugh2002-surround_suppression_index");
  }

  @Bean
  Benchmark marquesFreemanZiemba2013TextureModulationIndex(MarquesBenchmarkFactory factory) {
    return factory.create("Marques2020_FreemanZiemba2013-texture_modulation_index");
  }

  @Bean
  Benchmark marquesFreemanZiemba2013AbsTextureModulationIndex(MarquesBenchmarkFactory factory) {
    return factory.create("Marques2020_FreemanZiemba2013-abs_texture_modulation_index");
  }

  @Bean
  Benchmark marquesRingach2002MaxDc(MarquesBenchmarkFactory factory) {
    return factory.create("Marques2020_Ringach2002-max_dc");
  }

  @Bean
  Benchmark marquesFreemanZiemba2013MaxTexture(MarquesBenchmarkFactory factory) {
    return factory.create("Marques2020_FreemanZiemba2013-max_texture");
  }

  @Bean
  Benchmark marquesFreemanZiemba2013MaxNoise(MarquesBenchmarkFactory factory) {
    return factory.create("Marques2020_FreemanZiemba2013-max_noise");
  }
}
