package io.striate.benchmark.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * scikit-learn's {@code StratifiedShuffleSplit(n_splits, train_size, test_size=None)} (spec §6.4):
 * {@code n_train = ⌊train_size·N⌋}, {@code n_test = N − n_train}; per split each class gets its share by
 * sklearn's {@code _approximate_mode} (floor of the proportional share, the remaining draws going to the classes
 * with the largest fractional remainders, ties drawn at random), then a random permutation of each class's members
 * supplies its train and test items.
 *
 * <p>The random numbers come from {@link NumpyRandomState}, numpy's legacy MT19937 {@code RandomState(seed)}, consumed
 * in scikit-learn's order, so for the same labels in the same order the splits are index for index those of
 * {@code sklearn.model_selection.StratifiedShuffleSplit(n_splits, train_size=train_size, random_state=seed)}
 * (tested against scikit-learn 1.2). Brain-Score splits the stimuli in the order of its repetition-averaged target
 * assembly; the split membership matches Brain-Score's only when the stimuli are given in that order.
 */
public final class StratifiedShuffleSplit {
  /** Brain-Score's FreemanZiemba2013 cross-validation: 10 splits. */
  public static final int BRAIN_SCORE_SPLITS = 10;
  /** Brain-Score's train fraction. */
  public static final double BRAIN_SCORE_TRAIN_SIZE = 0.9;

  /** One split: indices into the sample list. */
  public record Split(int[] train, int[] test) {
  }

  private StratifiedShuffleSplit() {
  }

  /**
   * @param labels    the stratification label of each sample (e.g. texture type)
   * @param nSplits   number of splits
   * @param trainSize fraction of samples in train, in (0,1)
   * @param seed      generator seed
   */
  public static List<Split> splits(String[] labels, int nSplits, double trainSize, long seed) {
    int n = labels.length;
    int nTrain = (int) Math.floor(trainSize * n);
    int nTest = n - nTrain;
    if (nTrain < 1 || nTest < 1) {
      throw new IllegalArgumentException("train_size " + trainSize + " leaves an empty side for " + n + " samples");
    }
    TreeMap<String, List<Integer>> byClass = new TreeMap<>();  // np.unique sorts the classes
    for (int i = 0; i < n; i++) {
      byClass.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(i);
    }
    int[][] members = byClass.values().stream()
        .map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    int k = members.length;
    if (nTrain < k || nTest < k) {
      throw new IllegalArgumentException("each side needs at least one sample per class (" + k + " classes)");
    }
    int[] counts = Arrays.stream(members).mapToInt(m -> m.length).toArray();
    NumpyRandomState rng = new NumpyRandomState(seed);
    List<Split> out = new ArrayList<>(nSplits);
    for (int s = 0; s < nSplits; s++) {
      int[] nI = approximateMode(counts, nTrain, rng);
      int[] remaining = new int[k];
      for (int c = 0; c < k; c++) {
        remaining[c] = counts[c] - nI[c];
      }
      int[] tI = approximateMode(remaining, nTest, rng);
      int[] train = new int[nTrain];
      int[] test = new int[nTest];
      int a = 0;
      int b = 0;
      for (int c = 0; c < k; c++) {
        int[] perm = rng.permutation(counts[c]);
        for (int i = 0; i < nI[c]; i++) {
          train[a++] = members[c][perm[i]];
        }
        for (int i = nI[c]; i < nI[c] + tI[c]; i++) {
          test[b++] = members[c][perm[i]];
        }
      }
      out.add(new Split(rng.shuffle(train), rng.shuffle(test)));
    }
    return out;
  }

  /** sklearn {@code _approximate_mode}: the most likely per-class draw counts of {@code draws} items. */
  static int[] approximateMode(int[] counts, int draws, NumpyRandomState rng) {
    long total = 0;
    for (int c : counts) {
      total += c;
    }
    int k = counts.length;
    int[] floored = new int[k];
    double[] remainder = new double[k];
    int sum = 0;
    for (int c = 0; c < k; c++) {
      double cont = (double) counts[c] / total * draws;
      floored[c] = (int) Math.floor(cont);
      remainder[c] = cont - floored[c];
      sum += floored[c];
    }
    int need = draws - sum;
    double[] values = Arrays.stream(remainder).distinct().sorted().toArray();
    for (int v = values.length - 1; v >= 0 && need > 0; v--) {
      List<Integer> inds = new ArrayList<>();
      for (int c = 0; c < k; c++) {
        if (remainder[c] == values[v]) {
          inds.add(c);
        }
      }
      int addNow = Math.min(inds.size(), need);
      int[] perm = rng.permutation(inds.size());
      for (int i = 0; i < addNow; i++) {
        floored[inds.get(perm[i])]++;
      }
      need -= addNow;
    }
    return floored;
  }
}
