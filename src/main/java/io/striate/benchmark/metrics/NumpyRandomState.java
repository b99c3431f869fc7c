package io.striate.benchmark.metrics;

/**
 * The parts of numpy's legacy {@code np.random.RandomState(seed)} that scikit-learn's shuffle splitters use, so that
 * Striate's splits have the same membership as Brain-Score's for the same sample order: the MT19937 generator
 * (Matsumoto &amp; Nishimura 1998) seeded like numpy's {@code mt19937_seed} (Knuth's initialisation multiplier
 * 1812433253), {@code random_interval} (masked rejection sampling of 32-bit outputs) and {@code permutation(n)}
 * (numpy's legacy Fisher–Yates shuffle from the last element down).
 */
public final class NumpyRandomState {
  private static final int N = 624;
  private static final int M = 397;
  private static final int MATRIX_A = 0x9908b0df;
  private static final int UPPER = 0x80000000;
  private static final int LOWER = 0x7fffffff;

  private final int[] key = new int[N];
  private int pos;

  /** {@code np.random.RandomState(seed)}, {@code 0 ≤ seed < 2³²}. */
  public NumpyRandomState(long seed) {
    if (seed < 0 || seed > 0xffffffffL) {
      throw new IllegalArgumentException("seed must be between 0 and 2**32 - 1");
    }
    int s = (int) seed;
    for (int i = 0; i < N; i++) {
      key[i] = s;
      s = 1812433253 * (s ^ (s >>> 30)) + i + 1;
    }
    pos = N;
  }

  /** The next 32-bit output (numpy's {@code next_uint32}), as an unsigned value in a long. */
  public long nextUint32() {
    if (pos == N) {
      reload();
    }
    int y = key[pos++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y & 0xffffffffL;
  }

  private void reload() {
    int i = 0;
    for (; i < N - M; i++) {
      int y = (key[i] & UPPER) | (key[i + 1] & LOWER);
      key[i] = key[i + M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    for (; i < N - 1; i++) {
      int y = (key[i] & UPPER) | (key[i + 1] & LOWER);
      key[i] = key[i + (M - N)] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    int y = (key[N - 1] & UPPER) | (key[0] & LOWER);
    key[N - 1] = key[M - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    pos = 0;
  }

  /** numpy's {@code random_interval(max)}: uniform in {@code [0, max]}. */
  public int interval(int max) {
    if (max == 0) {
      return 0;
    }
    long mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    long v;
    do {
      v = nextUint32() & mask;
    } while (v > max);
    return (int) v;
  }

  /** {@code RandomState.permutation(n)}. */
  public int[] permutation(int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    return shuffle(p);
  }

  /** {@code RandomState.shuffle} of a 1-D array, in place; returns it. */
  public int[] shuffle(int[] a) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = interval(i);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }
}
