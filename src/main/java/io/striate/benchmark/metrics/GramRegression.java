package io.striate.benchmark.metrics;

/**
 * A linear regression from model features to neural responses that needs the features only through their
 * centred Gram matrices, so that a split costs {@code O(n²)}–{@code O(n³)} in the number of stimuli instead of
 * {@code O(n·p)} in the number of units. Implementations: {@link GramPlsRegression} (Brain-Score's PLS) and
 * {@link RidgeRegression} (the ridge variant).
 */
public interface GramRegression {
  /** Stable id stored with scores, e.g. {@code pls25}. */
  String id();

  /**
   * @param kTrain {@code n × n} Gram matrix of the training features, centred on the training mean
   * @param kTest  {@code m × n} cross Gram matrix: test features (centred on the training mean) · training features
   * @param y      {@code n × q} training responses (not centred)
   * @return {@code m × q} predicted test responses
   */
  double[][] fitPredict(double[][] kTrain, double[][] kTest, double[][] y);
}
