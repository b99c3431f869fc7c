package io.striate.benchmark.marques2020;

import io.striate.benchmark.Benchmark;
import io.striate.benchmark.marques2020.data.MarquesDataStore;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the 22 Marques 2020 property benchmarks as {@link Benchmark} beans (ids verbatim from Brain-Score),
 * built from their table, plus their shared collaborators: the embedded histograms, the data store for imported
 * assemblies under {@code striate.storage.dir} and the physiology sessions.
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

  /**
   * One {@link Benchmark} bean per row of {@link PropertyBenchmarkDefinition#ALL} (named by its Brain-Score id),
   * each made by {@link MarquesBenchmarkFactory#create(String)}: the table is the only list of the 22.
   */
  @Bean
  static BeanDefinitionRegistryPostProcessor marquesPropertyBenchmarks() {
    return registry -> {
      for (PropertyBenchmarkDefinition definition : PropertyBenchmarkDefinition.ALL) {
        registry.registerBeanDefinition(definition.id(), BeanDefinitionBuilder
            .genericBeanDefinition(PropertyBenchmark.class)
            .setFactoryMethodOnBean("create", "marquesBenchmarkFactory")
            .addConstructorArgValue(definition.id())
            .getBeanDefinition());
      }
    };
  }
}
