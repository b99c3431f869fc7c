package io.striate.account;

import io.striate.storage.Hashing;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues, checks and revokes API tokens; a token remembers the token it was created with, and revoking one revokes
 * all tokens minted with it, transitively. A token is {@code stk_} followed by 32 random bytes (base64url);
 * the database keeps only its sha-256, which is safe for secrets of this entropy.
 */
@Service
public class TokenService {
  static final String PREFIX = "stk_";
  private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
  private final ApiTokenRepository tokens;
  private final SecureRandom random = new SecureRandom();

  TokenService(ApiTokenRepository tokens) {
    this.tokens = tokens;
  }

  /** A newly issued token: the secret is returned exactly once. */
  public record Issued(ApiToken token, String secret) {
  }

  @Transactional
  public Issued issue(String owner, String name, Set<Scope> scopes) {
    return issue(owner, name, scopes, null);
  }

  /** Issues a token created with token {@code mintedBy}: revoking that one revokes this one too. */
  @Transactional
  public Issued issue(String owner, String name, Set<Scope> scopes, Long mintedBy) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    return new Issued(tokens.save(new ApiToken(owner, name, Hashing.sha256Hex(secret), prefix(secret), scopes,
        mintedBy)), secret);
  }

  private static String prefix(String secret) {
    return secret.substring(0, Math.min(10, secret.length()));
  }

  /** Registers a secret chosen by the operator (the bootstrap admin token from STRIATE_ADMIN_TOKEN). */
  @Transactional
  public ApiToken register(String owner, String name, Set<Scope> scopes, String secret) {
    return tokens.save(new ApiToken(owner, name, Hashing.sha256Hex(secret), prefix(secret), scopes, null));
  }

  /** The caller a secret stands for, if it is a known, unrevoked token. */
  @Transactional
  public Optional<Caller> authenticate(String secret) {
    return tokens.findByTokenHash(Hashing.sha256Hex(secret)).filter(t -> !t.isRevoked()).map(t -> {
      Instant now = Instant.now();
      if (t.getLastUsedAt() == null || t.getLastUsedAt().plus(TOUCH_EVERY).isBefore(now)) {
        t.touch(now);
      }
      return new Caller(t.getId(), t.getOwner(), t.getScopes());
    });
  }

  @Transactional(readOnly = true)
  public boolean knows(String secret) {
    return tokens.findByTokenHash(Hashing.sha256Hex(secret)).isPresent();
  }

  @Transactional(readOnly = true)
  public List<ApiToken> visibleTo(Caller caller) {
    return caller.isAdmin() ? tokens.findAllByOrderByIdAsc() : tokens.findByOwnerOrderByIdAsc(caller.owner());
  }

  @Transactional(readOnly = true)
  public Optional<ApiToken> find(long id) {
    return tokens.findById(id);
  }

  /** Revokes the token and, transitively, every token minted with it. */
  @Transactional
  public ApiToken revoke(long id) {
    ApiToken token = tokens.findById(id).orElseThrow();
    java.util.ArrayDeque<ApiToken> pending = new java.util.ArrayDeque<>(List.of(token));
    java.util.Set<Long> seen = new java.util.HashSet<>();
    while (!pending.isEmpty()) {
      ApiToken t = pending.pop();
      if (seen.add(t.getId())) {
        t.revoke();
        pending.addAll(tokens.findByMintedBy(t.getId()));
      }
    }
    return token;
  }

  @Transactional(readOnly = true)
  public boolean anyAdminExists() {
    return tokens.findAll().stream().anyMatch(t -> !t.isRevoked() && t.getScopes().contains(Scope.ADMIN));
  }
}
