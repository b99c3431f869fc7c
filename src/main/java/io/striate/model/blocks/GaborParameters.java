package io.striate.model.blocks;

import java.util.Arrays;

/**
 * Parameters of {@code n} Gabor filters in pixel units, as VOneNet's {@code GFB.initialize} takes them.
 *
 * @param frequency spatial frequency, cycles per pixel
 * @param theta     orientation, radians
 * @param sigmaX    envelope s.d. along the carrier ({@code nx / frequency}), pixels
 * @param sigmaY    envelope s.d. across the carrier ({@code ny / frequency}), pixels
 * @param phase     carrier phase, radians
 * @param channel   the input (colour) channel each filter reads; VOneNet gives every filter one random channel
 */
public record GaborParameters(double[] frequency, double[] theta, double[] sigmaX, double[] sigmaY, double[] phase,
                              int[] channel) {
  public GaborParameters {
    int n = frequency.length;
    BlockConfigException.require(n > 0, "gabor", "no filters", "give at least one filter");
    BlockConfigException.require(theta.length == n && sigmaX.length == n && sigmaY.length == n
        && phase.length == n && channel.length == n, "gabor", "parameter arrays differ in length", null);
    for (int i = 0; i < n; i++) {
      BlockConfigException.require(frequency[i] > 0 && sigmaX[i] > 0 && sigmaY[i] > 0, "gabor",
          "filter " + i + " has a non-positive frequency or width", null);
      BlockConfigException.require(channel[i] >= 0, "gabor", "filter " + i + " has a negative channel", null);
    }
  }

  public int size() {
    return frequency.length;
  }

  /** The same filters with {@code delta} added to every phase (the quadrature partner with delta = π/2). */
  public GaborParameters shiftPhase(double delta) {
    double[] p = phase.clone();
    for (int i = 0; i < p.length; i++) p[i] += delta;
    return new GaborParameters(frequency, theta, sigmaX, sigmaY, p, channel);
  }

  /** Filters {@code from} (inclusive) to {@code to} (exclusive). */
  public GaborParameters slice(int from, int to) {
    return new GaborParameters(Arrays.copyOfRange(frequency, from, to), Arrays.copyOfRange(theta, from, to),
        Arrays.copyOfRange(sigmaX, from, to), Arrays.copyOfRange(sigmaY, from, to),
        Arrays.copyOfRange(phase, from, to), Arrays.copyOfRange(channel, from, to));
  }

  /** The filters in the order {@code order} (filter {@code order[i]} becomes filter i). */
  public GaborParameters permute(int[] order) {
    int n = order.length;
    double[] f = new double[n];
    double[] t = new double[n];
    double[] sx = new double[n];
    double[] sy = new double[n];
    double[] p = new double[n];
    int[] c = new int[n];
    for (int i = 0; i < n; i++) {
      f[i] = frequency[order[i]];
      t[i] = theta[order[i]];
      sx[i] = sigmaX[order[i]];
      sy[i] = sigmaY[order[i]];
      p[i] = phase[order[i]];
      c[i] = channel[order[i]];
    }
    return new GaborParameters(f, t, sx, sy, p, c);
  }

  /** Concatenation of two banks. */
  public GaborParameters concat(GaborParameters other) {
    return new GaborParameters(cat(frequency, other.frequency), cat(theta, other.theta), cat(sigmaX, other.sigmaX),
        cat(sigmaY, other.sigmaY), cat(phase, other.phase), catInt(channel, other.channel));
  }

  private static double[] cat(double[] a, double[] b) {
    double[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  private static int[] catInt(int[] a, int[] b) {
    int[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
