package io.striate.account;

import java.util.Set;

/**
 * The authenticated client of a request.
 *
 * @param tokenId the token used
 * @param owner   the account the token belongs to
 * @param scopes  what it may do
 */
public record Caller(long tokenId, String owner, Set<Scope> scopes) {
  public Caller {
    scopes = Set.copyOf(scopes);
  }

  public boolean has(Scope scope) {
    return scopes.contains(scope) || scopes.contains(Scope.ADMIN);
  }

  public boolean isAdmin() {
    return scopes.contains(Scope.ADMIN);
  }

  /** Whether this caller may see or change things owned by {@code otherOwner}. */
  public boolean owns(String otherOwner) {
    return isAdmin() || owner.equals(otherOwner);
  }
}
