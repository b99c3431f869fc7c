package io.striate.model.runtime;

import java.util.List;

/**
 * Which input pixels a tap unit depends on, per axis (square kernels: the same for rows and columns), for a chain of
 * translation-equivariant layers, each a {@link Step}: output index {@code i} of a step reads its input indices
 * {@code [stride·i − padding, stride·i − padding + kernel − 1]} (out of range = the step's padding). Composed over
 * the chain, tap index {@code i} reads input pixels {@code [jump·i + offset, jump·i + offset + extent − 1]}:
 * <pre>
 *   jump' = jump·stride,  offset' = offset − jump·padding,  extent' = extent + jump·(kernel − 1)
 * </pre>
 * starting from {@code (1, 0, 1)}. This is a superset of the true dependencies (every index in the interval, not
 * only the strided ones), which is what a crop must contain.
 *
 * @param steps  the chain's steps, input first
 * @param jump   distance in input pixels between neighbouring tap units
 * @param offset first input pixel of tap index 0 (≤ 0: padding)
 * @param extent number of input pixels one tap unit spans
 */
public record InputSupport(List<Step> steps, int jump, int offset, int extent) {
  /**
   * One layer's spatial footprint.
   *
   * @param kernel  window side
   * @param stride  step between windows
   * @param padding implicit padding on each side
   */
  public record Step(int kernel, int stride, int padding) {
    /** Output size of the step for {@code n} input indices ({@code ⌊(n + 2p − k)/s⌋ + 1}, floor mode). */
    public int outputSize(int n) {
      return Math.floorDiv(n + 2 * padding - kernel, stride) + 1;
    }
  }

  public InputSupport {
    steps = List.copyOf(steps);
  }

  /** The support of {@code steps} composed in order. */
  public static InputSupport of(List<Step> steps) {
    int jump = 1;
    int offset = 0;
    int extent = 1;
    for (Step s : steps) {
      offset -= jump * s.padding();
      extent += jump * (s.kernel() - 1);
      jump *= s.stride();
    }
    return new InputSupport(steps, jump, offset, extent);
  }

  /** Tap size along an axis of {@code n} input pixels. */
  public int outputSize(int n) {
    for (Step s : steps) {
      n = s.outputSize(n);
    }
    return n;
  }

  /** First input pixel of tap index {@code i}. */
  public int start(int i) {
    return jump * i + offset;
  }

  /** Last input pixel of tap index {@code i}. */
  public int end(int i) {
    return jump * i + offset + extent - 1;
  }
}
