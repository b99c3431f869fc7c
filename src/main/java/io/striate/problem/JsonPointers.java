package io.striate.problem;

import java.util.List;
import tools.jackson.core.JacksonException;

/** RFC 6901 JSON pointers for the location of a Jackson failure. */
public final class JsonPointers {
  private JsonPointers() {
  }

  public static String of(List<JacksonException.Reference> path) {
    StringBuilder pointer = new StringBuilder();
    for (JacksonException.Reference ref : path) {
      pointer.append('/');
      if (ref.getPropertyName() != null) {
        pointer.append(ref.getPropertyName().replace("~", "~0").replace("/", "~1"));
      } else if (ref.getIndex() >= 0) {
        pointer.append(ref.getIndex());
      }
    }
    return pointer.toString();
  }
}
