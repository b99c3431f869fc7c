package io.striate.benchmark.metrics;

import java.util.List;

/**
 * Brain-Score's cross-validated regression-correlation metric (spec §6.4): for each of the stratified shuffle splits,
 * fit a {@link GramRegression} from model features to the repetition-averaged responses of the training stimuli,
 * predict the test stimuli, take the Pearson r per neuroid across test stimuli and its median over neuroids. The raw
 * score is the mean of the split medians, its error the population standard deviation over splits divided by
 * √splits.
 */
public final class CrossValidatedPredictivity {
  private CrossValidatedPredictivity() {
  }

  /**
   * @param raw             mean over splits of the median-over-neuroids r
   * @param error           population std of the split medians / √splits
   * @param splitMedians    median r of each split
   * @param neuroidR        r per neuroid, averaged over splits (NaN where every split gave NaN)
   * @param regressionId    {@link GramRegression#id()}
   */
  public record Result(double raw, double error, double[] splitMedians, double[] neuroidR, String regressionId) {
  }

  /**
   * @param features  Gram matrix of the model features of the stimuli
   * @param responses {@code stimuli × neuroids}, averaged over repetitions, same stimulus order as {@code features}
   * @param strata    stratification label per stimulus (e.g. texture type)
   */
  public static Result score(FeatureGram features, double[][] responses, String[] strata, GramRegression regression,
                             int splits, double trainSize, long seed) {
    if (features.size() != responses.length || strata.length != responses.length) {
      throw new IllegalArgumentException("features, responses and strata need one row per stimulus");
    }
    List<StratifiedShuffleSplit.Split> cv = StratifiedShuffleSplit.splits(strata, splits, trainSize, seed);
    int q = responses[0].length;
    double[] medians = new double[cv.size()];
    double[] rSum = new double[q];
    int[] rCount = new int[q];
    for (int s = 0; s < cv.size(); s++) {
      StratifiedShuffleSplit.Split split = cv.get(s);
      double[][] kTrain = features.centredTrain(split.train());
      double[][] kTest = features.centred(split.test(), split.train());
      double[][] pred = regression.fitPredict(kTrain, kTest, rows(responses, split.train()));
      double[] r = PearsonCorrelation.perColumn(pred, rows(responses, split.test()));
      medians[s] = PearsonCorrelation.nanMedian(r);
      for (int j = 0; j < q; j++) {
        if (!Double.isNaN(r[j])) {
          rSum[j] += r[j];
          rCount[j]++;
        }
      }
    }
    double[] neuroidR = new double[q];
    for (int j = 0; j < q; j++) {
      neuroidR[j] = rCount[j] == 0 ? Double.NaN : rSum[j] / rCount[j];
    }
    return new Result(PearsonCorrelation.mean(medians),
        PearsonCorrelation.populationStd(medians) / Math.sqrt(medians.length), medians, neuroidR, regression.id());
  }

  static double[][] rows(double[][] m, int[] idx) {
    double[][] out = new double[idx.length][];
    for (int i = 0; i < idx.length; i++) {
      out[i] = m[idx[i]];
    }
    return out;
  }
}
