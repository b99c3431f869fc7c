package io.striate.dataset;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A neural recording set reduced to one time window, as the predictivity benchmarks consume it: the equivalent of
 * a BrainIO {@code NeuronRecordingAssembly} after Brain-Score's time-bin averaging (for FreemanZiemba2013, the mean
 * of the 1-ms bins 50–200 ms, spec §6.3), restricted to one region.
 *
 * @param id                     dataset id (e.g. {@code movshon.FreemanZiemba2013.public})
 * @param region                 the region of every neuroid (e.g. {@code V1})
 * @param timeBin                label of the averaged window, e.g. {@code 50-200}
 * @param stimulusIds            the distinct stimuli, in first-appearance order
 * @param stimulusColumns        per-stimulus metadata columns (e.g. {@code texture_type}), each of
 *                               {@code stimulusIds.size()} values
 * @param neuroidIds             the neuroids
 * @param presentationStimulus   for each presentation, the index into {@code stimulusIds}
 * @param presentationRepetition for each presentation, its repetition id
 * @param responses              {@code presentations × neuroids}, e.g. spike counts averaged over the window
 */
public record NeuralRecordings(String id, String region, String timeBin, List<String> stimulusIds,
                               Map<String, List<String>> stimulusColumns, List<String> neuroidIds,
                               int[] presentationStimulus, int[] presentationRepetition, double[][] responses) {
  public NeuralRecordings {
    stimulusIds = List.copyOf(stimulusIds);
    stimulusColumns = Map.copyOf(stimulusColumns);
    neuroidIds = List.copyOf(neuroidIds);
    int p = responses.length;
    if (presentationStimulus.length != p || presentationRepetition.length != p) {
      throw new IllegalArgumentException("one stimulus index and repetition per presentation needed");
    }
    for (double[] r : responses) {
      if (r.length != neuroidIds.size()) {
        throw new IllegalArgumentException("every presentation needs " + neuroidIds.size() + " neuroid values");
      }
    }
    for (var e : stimulusColumns.entrySet()) {
      if (e.getValue().size() != stimulusIds.size()) {
        throw new IllegalArgumentException("stimulus column " + e.getKey() + " needs one value per stimulus");
      }
    }
    int[] seen = new int[stimulusIds.size()];
    for (int s : presentationStimulus) {
      seen[s]++;
    }
    if (Arrays.stream(seen).anyMatch(c -> c == 0)) {
      throw new IllegalArgumentException("every stimulus needs at least one presentation");
    }
  }

  public int stimuli() {
    return stimulusIds.size();
  }

  public int neuroids() {
    return neuroidIds.size();
  }

  /** A per-stimulus column as an array, in stimulus order. */
  public String[] column(String name) {
    List<String> c = stimulusColumns.get(name);
    if (c == null) {
      throw new IllegalArgumentException("no stimulus column '" + name + "' (have " + stimulusColumns.keySet() + ")");
    }
    return c.toArray(String[]::new);
  }

  /** {@code stimuli × neuroids}: the mean over each stimulus's presentations (repetitions). */
  public double[][] repetitionAveraged() {
    int q = neuroids();
    double[][] sum = new double[stimuli()][q];
    int[] count = new int[stimuli()];
    for (int i = 0; i < responses.length; i++) {
      int s = presentationStimulus[i];
      count[s]++;
      for (int j = 0; j < q; j++) {
        sum[s][j] += responses[i][j];
      }
    }
    for (int s = 0; s < sum.length; s++) {
      for (int j = 0; j < q; j++) {
        sum[s][j] /= count[s];
      }
    }
    return sum;
  }
}
