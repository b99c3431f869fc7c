package io.striate.model.runtime;

import java.util.List;
import java.util.Map;

/**
 * The spatial steps of a network whose every layer up to its last tap has an {@link InputSupport} (a block spec
 * without global or position-dependent layers), and how many of them lead to each tap.
 *
 * @param steps    every step up to the last tap, input first
 * @param tapDepth per tap, the number of steps before it
 */
public record CropSupport(List<InputSupport.Step> steps, Map<String, Integer> tapDepth) {
  public CropSupport {
    steps = List.copyOf(steps);
    tapDepth = Map.copyOf(tapDepth);
  }

  /** The support of {@code tap}, or null when it is not a tap. */
  public InputSupport tap(String tap) {
    Integer depth = tapDepth.get(tap);
    return depth == null ? null : InputSupport.of(steps.subList(0, depth));
  }

  /** Whether every step has at least one output on an {@code h × w} input (the network can run on it). */
  public boolean runsOn(int h, int w) {
    for (InputSupport.Step s : steps) {
      h = s.outputSize(h);
      w = s.outputSize(w);
      if (h < 1 || w < 1) {
        return false;
      }
    }
    return true;
  }
}
