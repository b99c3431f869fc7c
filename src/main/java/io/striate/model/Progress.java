package io.striate.model;

/** Progress of a running job: a named stage and the fraction of the whole job done, 0..1. */
@FunctionalInterface
public interface Progress {
  Progress NONE = (stage, fraction) -> { };

  void report(String stage, double fraction);

  /** A view that maps this stage's 0..1 onto {@code [from, to]} of the parent. */
  default Progress slice(double from, double to) {
    return (stage, f) -> report(stage, from + (to - from) * Math.max(0, Math.min(1, f)));
  }
}
