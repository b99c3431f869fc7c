package io.striate.benchmark.marques2020;

import static org.assertj.core.api.Assertions.assertThat;

import io.striate.benchmark.Benchmark;
import io.striate.benchmark.BenchmarkInfo;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/** The configuration registers the 22 benchmarks with Brain-Score's ids, version 1 and the family parents. */
class MarquesBenchmarkConfigurationTest {
  @TempDir
  Path dir;

  @Test
  void registersTheTwentyTwoBenchmarks() {
    try (AnnotationConfigApplicationContext ctx = new AnnotationConfigApplicationContext()) {
      ctx.registerBean(io.striate.config.StriateProperties.class, () -> new io.striate.config.StriateProperties(
          Set.of("api"), null, new io.striate.config.StriateProperties.Storage(dir,
              io.striate.config.StriateProperties.ArtifactBackend.FILESYSTEM, null, null), null, null, null, null));
      ctx.register(MarquesBenchmarkConfiguration.class);
      ctx.refresh();
      Map<String, Benchmark> beans = ctx.getBeansOfType(Benchmark.class);
      assertThat(beans).hasSize(22);
      Set<String> ids = beans.values().stream().map(b -> b.info().id()).collect(Collectors.toSet());
      // ids: spec §2 table (brain-score/vision benchmarks/marques2020/__init__.py)
      assertThat(ids).containsExactlyInAnyOrder(
          "Marques2020_Ringach2002-circular_variance", "Marques2020_Ringach2002-or_bandwidth",
          "Marques2020_Ringach2002-orth_pref_ratio", "Marques2020_Ringach2002-or_selective",
          "Marques2020_Ringach2002-cv_bandwidth_ratio", "Marques2020_Ringach2002-opr_cv_diff",
          "Marques2020_DeValois1982-pref_or", "Marques2020_DeValois1982-peak_sf",
          "Marques2020_Schiller1976-sf_selective", "Marques2020_Schiller1976-sf_bandwidth",
          "Marques2020_Ringach2002-modulation_ratio", "Marques2020_FreemanZiemba2013-texture_selectivity",
          "Marques2020_FreemanZiemba2013-texture_sparseness",
          "Marques2020_FreemanZiemba2013-texture_variance_ratio",
          "Marques2020_Cavanaugh2002-grating_summation_field", "Marques2020_Cavanaugh2002-surround_diameter",
          "Marques2020_Cavanaugh2002-surround_suppression_index",
          "Marques2020_FreemanZiemba2013-texture_modulation_index",
          "Marques2020_FreemanZiemba2013-abs_texture_modulation_index", "Marques2020_Ringach2002-max_dc",
          "Marques2020_FreemanZiemba2013-max_texture", "Marques2020_FreemanZiemba2013-max_noise");
      Map<String, Long> perFamily = beans.values().stream().map(Benchmark::info)
          .collect(Collectors.groupingBy(BenchmarkInfo::parent, Collectors.counting()));
      // family sizes: spec §1 score tree
      assertThat(perFamily).containsExactlyInAnyOrderEntriesOf(Map.of("V1-orientation", 7L,
          "V1-spatial_frequency", 3L, "V1-response_selectivity", 4L, "V1-receptive_field_size", 2L,
          "V1-surround_modulation", 1L, "V1-texture_modulation", 2L, "V1-response_magnitude", 3L));
      assertThat(beans.values()).allSatisfy(b -> assertThat(b.info().version()).isEqualTo(1));
      assertThat(beans.values().stream().filter(b -> b.availability().available()).count()).isEqualTo(7);
    }
  }
}
