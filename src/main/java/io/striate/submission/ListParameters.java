package io.striate.submission;

import io.striate.problem.ProblemException;
import io.striate.problem.ProblemStatus;

/** Validation shared by the list endpoints (paging, visibility filter). */
final class ListParameters {
  static final int MAX_PAGE_SIZE = 100;

  private ListParameters() {
  }

  static void check(int page, int size) {
    if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "invalid-parameter", "page must be >= 0 and size in 1.."
          + MAX_PAGE_SIZE, size < 1 || size > MAX_PAGE_SIZE ? "size" : "page", "Page through with page=0,1,2…");
    }
  }

  static void checkVisibility(String visibility) {
    if (visibility != null && !visibility.isBlank() && !visibility.equals("public") && !visibility.equals("private")) {
      throw new ProblemException(ProblemStatus.BAD_REQUEST, "invalid-parameter", "Unknown visibility '" + visibility + "'",
          "visibility", "Use public or private");
    }
  }
}
