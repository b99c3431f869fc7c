package io.striate.account;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** What a token may do. {@code admin} implies {@code submit}. */
public enum Scope {
  /** register models, upload versions, submit for scoring */
  SUBMIT,
  /** everything, including tokens of other owners and dataset imports */
  ADMIN;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Scope parse(String id) {
    return Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown scope '" + id + "'"));
  }

  static String join(Set<Scope> scopes) {
    return scopes.stream().map(Scope::id).sorted().collect(Collectors.joining(","));
  }

  static Set<Scope> split(String joined) {
    EnumSet<Scope> set = EnumSet.noneOf(Scope.class);
    for (String id : joined.split(",")) {
      if (!id.isBlank()) {
        set.add(parse(id.trim()));
      }
    }
    return set;
  }
}
