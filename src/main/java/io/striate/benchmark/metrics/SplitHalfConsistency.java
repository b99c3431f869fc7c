package io.striate.benchmark.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Brain-Score's split-half internal-consistency ceiling with Spearman–Brown correction (spec §6.5): over
 * {@code ShuffleSplit(n_splits=10, train_size=0.5)} splits of the unique repetition ids, average each half over
 * its repetitions per stimulus, correlate the halves per neuroid across stimuli (Pearson r), correct with
 * Spearman–Brown {@code r' = 2r/(1+r)} (Spearman 1910; Brown 1910), take the median over neuroids; the ceiling is
 * the mean over splits. The halves are those of scikit-learn's {@code ShuffleSplit(n_splits, train_size=0.5,
 * random_state=seed)} over the sorted unique repetition ids ({@link NumpyRandomState}), as Brain-Score's.
 */
public final class SplitHalfConsistency {
  /** Brain-Score's number of split halves. */
  public static final int BRAIN_SCORE_SPLITS = 10;

  private SplitHalfConsistency() {
  }

  /**
   * @param ceiling      mean over splits of the median Spearman–Brown corrected r
   * @param error        population std over splits / √splits
   * @param splitMedians per split
   */
  public record Result(double ceiling, double error, double[] splitMedians) {
  }

  /** Spearman–Brown prophecy for doubling the number of repetitions. */
  public static double spearmanBrown(double r) {
    return 2 * r / (1 + r);
  }

  /**
   * @param responses  {@code presentations × neuroids}
   * @param stimulus   stimulus index (0..stimuli−1) of each presentation
   * @param repetition repetition id of each presentation
   * @param stimuli    number of stimuli
   */
  public static Result ceiling(double[][] responses, int[] stimulus, int[] repetition, int stimuli, int splits,
                               long seed) {
    int[] reps = Arrays.stream(repetition).distinct().sorted().toArray();
    int nTrain = (int) Math.floor(0.5 * reps.length);
    int nTest = reps.length - nTrain;
    if (nTrain < 1) {
      throw new IllegalArgumentException("need at least 2 repetitions, got " + reps.length);
    }
    NumpyRandomState rng = new NumpyRandomState(seed);
    double[] medians = new double[splits];
    for (int s = 0; s < splits; s++) {
      int[] perm = rng.permutation(reps.length);
      boolean[] inA = new boolean[reps.length];  // sklearn: test = perm[:n_test], train = perm[n_test:]
      for (int i = nTest; i < nTest + nTrain; i++) {
        inA[perm[i]] = true;
      }
      medians[s] = splitMedian(responses, stimulus, repetition, reps, inA, stimuli);
    }
    return new Result(PearsonCorrelation.mean(medians),
        PearsonCorrelation.populationStd(medians) / Math.sqrt(splits), medians);
  }

  /** The median over neuroids of the Spearman–Brown corrected split-half r for the given half of repetition ids. */
  public static double splitMedian(double[][] responses, int[] stimulus, int[] repetition, int stimuli,
                                   int[] halfRepetitions) {
    int[] reps = Arrays.stream(repetition).distinct().sorted().toArray();
    boolean[] inA = new boolean[reps.length];
    for (int r : halfRepetitions) {
      inA[Arrays.binarySearch(reps, r)] = true;
    }
    return splitMedian(responses, stimulus, repetition, reps, inA, stimuli);
  }

  private static double splitMedian(double[][] responses, int[] stimulus, int[] repetition, int[] reps,
                                    boolean[] inA, int stimuli) {
    double[][] a = halfMean(responses, stimulus, repetition, reps, inA, true, stimuli);
    double[][] b = halfMean(responses, stimulus, repetition, reps, inA, false, stimuli);
    double[] r = PearsonCorrelation.perColumn(a, b);
    for (int j = 0; j < r.length; j++) {
      r[j] = spearmanBrown(r[j]);
    }
    return PearsonCorrelation.nanMedian(r);
  }

  private static double[][] halfMean(double[][] responses, int[] stimulus, int[] repetition, int[] reps,
                                     boolean[] inA, boolean wantA, int stimuli) {
    int q = responses[0].length;
    double[][] sum = new double[stimuli][q];
    int[] count = new int[stimuli];
    for (int i = 0; i < responses.length; i++) {
      int rIdx = Arrays.binarySearch(reps, repetition[i]);
      if (inA[rIdx] != wantA) {
        continue;
      }
      count[stimulus[i]]++;
      double[] row = responses[i];
      double[] acc = sum[stimulus[i]];
      for (int j = 0; j < q; j++) {
        acc[j] += row[j];
      }
    }
    List<double[]> out = new ArrayList<>();
    for (int s = 0; s < stimuli; s++) {
      if (count[s] == 0) {
        throw new IllegalArgumentException("stimulus " + s + " has no presentation in one half");
      }
      Linear.scale(sum[s], 1.0 / count[s]);
      out.add(sum[s]);
    }
    return out.toArray(new double[0][]);
  }
}
