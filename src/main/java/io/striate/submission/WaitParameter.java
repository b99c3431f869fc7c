package io.striate.submission;

import io.striate.problem.ProblemException;
import io.striate.problem.ProblemStatus;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the {@code wait} of a long poll: {@code 60s}, {@code 500ms}, {@code 2m} or plain seconds ({@code 60}). */
final class WaitParameter {
  private static final Pattern FORM = Pattern.compile("(\\d{1,7})(ms|s|m)?");

  private WaitParameter() {
  }

  static Duration parse(String text, Duration max) {
    Matcher m = FORM.matcher(text.trim());
    if (!m.matches()) {
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "invalid-wait", "'" + text + "' is not a waiting time",
          "wait", "Use seconds with a unit, e.g. wait=60s (also 500ms, 2m)");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    Duration d = switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofSeconds(n);
    };
    if (d.compareTo(max) > 0) {
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "wait-too-long", "wait=" + text + " exceeds the maximum of "
          + max.toSeconds() + " s", "wait", "Wait at most " + max.toSeconds() + "s and poll again while the "
          + "submission is queued or running (or follow /events)");
    }
    return d;
  }
}
