package io.striate.dataset;

import io.striate.model.StimulusSet;

/**
 * Recordings together with the images that were shown: {@code stimuli.id(i)} equals
 * {@code recordings.stimulusIds().get(i)}.
 *
 * @param recordings    the responses
 * @param stimuli       the images as shown to the animal (not yet placed on a model's field of view)
 * @param visualDegrees how many degrees of visual angle the images spanned (FreemanZiemba2013: 4)
 */
public record RecordingSet(NeuralRecordings recordings, StimulusSet stimuli, double visualDegrees) {
  public RecordingSet {
    if (stimuli.size() != recordings.stimuli()) {
      throw new IllegalArgumentException("stimulus set has " + stimuli.size() + " images, recordings "
          + recordings.stimuli());
    }
    for (int i = 0; i < stimuli.size(); i++) {
      if (!stimuli.id(i).equals(recordings.stimulusIds().get(i))) {
        throw new IllegalArgumentException("stimulus " + i + " is " + stimuli.id(i) + " in the images but "
            + recordings.stimulusIds().get(i) + " in the recordings");
      }
    }
  }
}
