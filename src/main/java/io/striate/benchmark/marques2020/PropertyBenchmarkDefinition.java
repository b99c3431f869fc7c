package io.striate.benchmark.marques2020;

import java.util.List;

/**
 * One of the 22 Marques 2020 property benchmarks (spec §2): Brain-Score id, parent family node, reference dataset
 * and property column, and the experiment that produces the model's values.
 *
 * @param id         Brain-Score id, verbatim
 * @param parent     family node id, e.g. {@code V1-orientation}
 * @param dataset    reference dataset ({@code Ringach2002}, {@code DeValois1982a}, …)
 * @param property   property column in the dataset and the model table
 * @param experiment in-silico experiment
 * @param title      human readable title
 */
public record PropertyBenchmarkDefinition(String id, String parent, String dataset, String property,
                                          MarquesExperiment experiment, String title) {
  public static final String ORIENTATION = "V1-orientation";
  public static final String SPATIAL_FREQUENCY = "V1-spatial_frequency";
  public static final String RESPONSE_SELECTIVITY = "V1-response_selectivity";
  public static final String RECEPTIVE_FIELD_SIZE = "V1-receptive_field_size";
  public static final String SURROUND_MODULATION = "V1-surround_modulation";
  public static final String TEXTURE_MODULATION = "V1-texture_modulation";
  public static final String RESPONSE_MAGNITUDE = "V1-response_magnitude";

  private static PropertyBenchmarkDefinition of(String id, String parent, String dataset, String property,
                                                MarquesExperiment e, String title) {
    return new PropertyBenchmarkDefinition(id, parent, dataset, property, e, title);
  }

  /** The 22 benchmarks in the order of spec §2. */
  public static final List<PropertyBenchmarkDefinition> ALL = List.of(
      of("Marques2020_Ringach2002-circular_variance", ORIENTATION, "Ringach2002", "circular_variance",
          MarquesExperiment.RINGACH_2002, "Orientation circular variance"),
      of("Marques2020_Ringach2002-or_bandwidth", ORIENTATION, "Ringach2002", "bandwidth",
          MarquesExperiment.RINGACH_2002, "Orientation half-bandwidth"),
      of("Marques2020_Ringach2002-orth_pref_ratio", ORIENTATION, "Ringach2002", "orthogonal_preferred_ratio",
          MarquesExperiment.RINGACH_2002, "Orthogonal/preferred response ratio"),
      of("Marques2020_Ringach2002-or_selective", ORIENTATION, "Ringach2002", "orientation_selective",
          MarquesExperiment.RINGACH_2002, "Fraction orientation selective"),
      of("Marques2020_Ringach2002-cv_bandwidth_ratio", ORIENTATION, "Ringach2002",
          "circular_variance_bandwidth_ratio", MarquesExperiment.RINGACH_2002, "Circular variance / bandwidth"),
      of("Marques2020_Ringach2002-opr_cv_diff", ORIENTATION, "Ringach2002",
          "orthogonal_preferred_ratio_circular_variance_difference", MarquesExperiment.RINGACH_2002,
          "Orthogonal/preferred ratio − circular variance"),
      of("Marques2020_DeValois1982-pref_or", ORIENTATION, "DeValois1982a", "preferred_orientation",
          MarquesExperiment.DE_VALOIS_1982A, "Preferred orientation"),
      of("Marques2020_DeValois1982-peak_sf", SPATIAL_FREQUENCY, "DeValois1982b", "peak_spatial_frequency",
          MarquesExperiment.DE_VALOIS_1982B, "Peak spatial frequency"),
      of("Marques2020_Schiller1976-sf_selective", SPATIAL_FREQUENCY, "Schiller1976c", "spatial_frequency_selective",
          MarquesExperiment.SCHILLER_1976, "Fraction spatial-frequency selective"),
      of("Marques2020_Schiller1976-sf_bandwidth", SPATIAL_FREQUENCY, "Schiller1976c", "spatial_frequency_bandwidth",
          MarquesExperiment.SCHILLER_1976, "Spatial-frequency bandwidth"),
      of("Marques2020_Ringach2002-modulation_ratio", RESPONSE_SELECTIVITY, "Ringach2002", "modulation_ratio",
          MarquesExperiment.RINGACH_2002, "Modulation ratio F1/F0"),
      of("Marques2020_FreemanZiemba2013-texture_selectivity", RESPONSE_SELECTIVITY, "FreemanZiemba2013",
          "texture_selectivity", MarquesExperiment.FREEMAN_ZIEMBA_2013, "Texture family selectivity"),
      of("Marques2020_FreemanZiemba2013-texture_sparseness", RESPONSE_SELECTIVITY, "FreemanZiemba2013",
          "texture_sparseness", MarquesExperiment.FREEMAN_ZIEMBA_2013, "Texture sparseness"),
      of("Marques2020_FreemanZiemba2013-texture_variance_ratio", RESPONSE_SELECTIVITY, "FreemanZiemba2013",
          "variance_ratio", MarquesExperiment.FREEMAN_ZIEMBA_2013, "Texture family/sample variance ratio"),
      of("Marques2020_Cavanaugh2002-grating_summation_field", RECEPTIVE_FIELD_SIZE, "Cavanaugh2002a",
          "grating_summation_field", MarquesExperiment.CAVANAUGH_2002, "Grating summation field"),
      of("Marques2020_Cavanaugh2002-surround_diameter", RECEPTIVE_FIELD_SIZE, "Cavanaugh2002a", "surround_diameter",
          MarquesExperiment.CAVANAUGH_2002, "Surround diameter"),
      of("Marques2020_Cavanaugh2002-surround_suppression_index", SURROUND_MODULATION, "Cavanaugh2002a",
          "surround_suppression_index", MarquesExperiment.CAVANAUGH_2002, "Surround suppression index"),
      of("Marques2020_FreemanZiemba2013-texture_modulation_index", TEXTURE_MODULATION, "FreemanZiemba2013",
          "texture_modulation_index", MarquesExperiment.FREEMAN_ZIEMBA_2013, "Texture modulation index"),
      of("Marques2020_FreemanZiemba2013-abs_texture_modulation_index", TEXTURE_MODULATION, "FreemanZiemba2013",
          "absolute_texture_modulation_index", MarquesExperiment.FREEMAN_ZIEMBA_2013,
          "Absolute texture modulation index"),
      of("Marques2020_Ringach2002-max_dc", RESPONSE_MAGNITUDE, "Ringach2002", "max_dc",
          MarquesExperiment.RINGACH_2002, "Peak DC response"),
      of("Marques2020_FreemanZiemba2013-max_texture", RESPONSE_MAGNITUDE, "FreemanZiemba2013", "max_texture",
          MarquesExperiment.FREEMAN_ZIEMBA_2013, "Peak texture response"),
      of("Marques2020_FreemanZiemba2013-max_noise", RESPONSE_MAGNITUDE, "FreemanZiemba2013", "max_noise",
          MarquesExperiment.FREEMAN_ZIEMBA_2013, "Peak noise response"));

  /** The definition with {@code id}. */
  public static PropertyBenchmarkDefinition byId(String id) {
    return ALL.stream().filter(d -> d.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown Marques2020 benchmark " + id));
  }

  /** Citation of the dataset's paper (spec §2). */
  public String paper() {
    return switch (dataset) {
      case "Ringach2002" -> "Ringach DL, Shapley RM, Hawken MJ (2002) Orientation selectivity in macaque V1: "
          + "diversity and laminar dependence. J Neurosci 22:5639-5651";
      case "DeValois1982a" -> "De Valois RL, Yund EW, Hepler N (1982) The orientation and direction selectivity of "
          + "cells in macaque visual cortex. Vision Res 22:531-544";
      case "DeValois1982b" -> "De Valois RL, Albrecht DG, Thorell LG (1982) Spatial frequency selectivity of cells "
          + "in macaque visual cortex. Vision Res 22:545-559";
      case "Schiller1976c" -> "Schiller PH, Finlay BL, Volman SF (1976) Quantitative studies of single-cell "
          + "properties in monkey striate cortex. III. Spatial frequency. J Neurophysiol 39:1334-1351";
      case "Cavanaugh2002a" -> "Cavanaugh JR, Bair W, Movshon JA (2002) Nature and interaction of signals from the "
          + "receptive field center and surround in macaque V1 neurons. J Neurophysiol 88:2530-2546";
      case "FreemanZiemba2013" -> "Freeman J, Ziemba CM, Heeger DJ, Simoncelli EP, Movshon JA (2013) A functional "
          + "and perceptual signature of the second visual area in primates. Nat Neurosci 16:974-981";
      default -> dataset;
    } + "; benchmark: Marques T, Schrimpf M, DiCarlo JJ (2021) Multi-scale hierarchical neural network models "
        + "that bridge from single neurons in the primate primary visual cortex to object recognition behavior. "
        + "bioRxiv 10.1101/2021.03.01.433495";
  }
}
