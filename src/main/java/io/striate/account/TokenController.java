package io.striate.account;

import io.striate.problem.ProblemStatus;
import io.striate.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "tokens", description = "API tokens: create, list, revoke")
@RestController
@RequestMapping("/api/v1/tokens")
class TokenController {
  private final TokenService tokens;

  TokenController(TokenService tokens) {
    this.tokens = tokens;
  }

  record CreateToken(
      @NotEmpty @Size(max = 100) String name,
      @Pattern(regexp = "[a-zA-Z0-9_.-]{1,64}") String owner,
      Set<String> scopes) {
  }

  record TokenView(long id, String owner, String name, String prefix, Set<String> scopes, Instant createdAt,
                   Instant lastUsedAt, Instant revokedAt) {
    static TokenView of(ApiToken t) {
      return new TokenView(t.getId(), t.getOwner(), t.getName(), t.getTokenPrefix(),
          t.getScopes().stream().map(Scope::id).collect(java.util.stream.Collectors.toSet()), t.getCreatedAt(),
          t.getLastUsedAt(), t.getRevokedAt());
    }
  }

  record CreatedToken(TokenView token, String secret) {
  }

  @Operation(summary = "Create a token",
      description = "Administrators create tokens for any owner; other callers create tokens for themselves "
          + "with at most their own scopes. The secret is returned once and stored only as a hash.")
  @RequestBody(content = @Content(examples = @ExampleObject(
      value = "{\"name\": \"ci\", \"owner\": \"alice\", \"scopes\": [\"submit\"]}")))
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  CreatedToken create(@org.springframework.web.bind.annotation.RequestBody @Valid CreateToken body,
                      HttpServletRequest request) {
    Caller caller = Callers.require(request, Scope.SUBMIT);
    String owner = body.owner() == null ? caller.owner() : body.owner();
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String id : body.scopes() == null ? Set.of("submit") : body.scopes()) {
      try {
        scopes.add(Scope.parse(id));
      } catch (IllegalArgumentException e) {
        throw new ProblemException(ProblemStatus.BAD_REQUEST, "unknown-scope", e.getMessage(), "/scopes",
            "Scopes are: submit, admin");
      }
    }
    if (!caller.isAdmin() && (!owner.equals(caller.owner()) || scopes.contains(Scope.ADMIN))) {
      throw new ProblemException(ProblemStatus.FORBIDDEN, "insufficient-scope",
          "Only administrators create admin tokens or tokens for other owners", "/owner",
          "Leave out 'owner' and ask only for 'submit'");
    }
    var issued = tokens.issue(owner, body.name(), scopes, caller.tokenId());
    return new CreatedToken(TokenView.of(issued.token()), issued.secret());
  }

  @Operation(summary = "List tokens", description = "Your tokens (all tokens for administrators); never secrets.")
  @GetMapping
  List<TokenView> list(HttpServletRequest request) {
    return tokens.visibleTo(Callers.require(request, Scope.SUBMIT)).stream().map(TokenView::of).toList();
  }

  @Operation(summary = "Revoke a token", description = "Revoked tokens are rejected from the next request on, "
      + "and so are all tokens created with them (transitively).")
  @DeleteMapping("/{id}")
  TokenView revoke(@PathVariable long id, HttpServletRequest request) {
    Caller caller = Callers.require(request, Scope.SUBMIT);
    ApiToken token = tokens.find(id).filter(t -> caller.owns(t.getOwner()))
        .orElseThrow(() -> ProblemException.notFound("token", id));
    return TokenView.of(tokens.revoke(token.getId()));
  }
}
