package io.striate.benchmark.marques2020;

import io.striate.benchmark.stimuli.MarquesStimuli;

/**
 * The six in-silico experiments behind the 22 benchmarks: the stimulus set each records and the property
 * function it applies (spec §4.7).
 */
public enum MarquesExperiment {
  RINGACH_2002(MarquesStimuli.ORIENTATION, GratingProperties::ringach2002),
  DE_VALOIS_1982A(MarquesStimuli.ORIENTATION, GratingProperties::deValois1982a),
  DE_VALOIS_1982B(MarquesStimuli.SPATIAL_FREQUENCY, GratingProperties::deValois1982b),
  SCHILLER_1976(MarquesStimuli.SPATIAL_FREQUENCY, GratingProperties::schiller1976),
  CAVANAUGH_2002(MarquesStimuli.SIZE, GratingProperties::cavanaugh2002),
  FREEMAN_ZIEMBA_2013(MarquesExperiment.TEXTURE_SET, TextureProperties::freemanZiemba2013);

  /** Brain-Score's texture stimulus set identifier. */
  public static final String TEXTURE_SET = "FreemanZiemba2013_properties";

  private final String stimulusSet;
  private final PhysiologySession.Experiment function;

  MarquesExperiment(String stimulusSet, PhysiologySession.Experiment function) {
    this.stimulusSet = stimulusSet;
    this.function = function;
  }

  public String stimulusSet() {
    return stimulusSet;
  }

  PhysiologySession.Experiment function() {
    return function;
  }
}
