package io.striate.benchmark;

/**
 * Whether a benchmark can run here.
 *
 * @param available true when its data is installed
 * @param reason    why not (null when available)
 * @param howTo     what an administrator does to make it available (null when available)
 */
public record Availability(boolean available, String reason, String howTo) {
  public static Availability yes() {
    return new Availability(true, null, null);
  }

  public static Availability no(String reason, String howTo) {
    return new Availability(false, reason, howTo);
  }
}
