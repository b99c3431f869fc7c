package io.striate.submission;

import java.util.Collection;
import java.util.Locale;

/**
 * The valid name closest to a misspelt one, for "did you mean" hints: a case-insensitive match first, else the
 * smallest Levenshtein distance (ties: the first in {@code valid}'s order), else null when nothing is within half
 * the name's length.
 */
final class NearestName {
  private NearestName() {
  }

  static String of(String wrong, Collection<String> valid) {
    for (String v : valid) {
      if (v.equalsIgnoreCase(wrong)) {
        return v;
      }
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String w = wrong.toLowerCase(Locale.ROOT);
    for (String v : valid) {
      int d = levenshtein(w, v.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = v;
        bestDistance = d;
      }
    }
    return best != null && bestDistance <= Math.max(2, wrong.length() / 2) ? best : null;
  }

  /** "Did you mean 'x'? Valid: a, b, c" or just the valid list. */
  static String hint(String wrong, Collection<String> valid) {
    String nearest = of(wrong, valid);
    return (nearest == null ? "" : "Did you mean '" + nearest + "'? ") + "Valid keys: " + String.join(", ", valid);
  }

  static int levenshtein(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] t = previous;
      previous = current;
      current = t;
    }
    return previous[b.length()];
  }
}
