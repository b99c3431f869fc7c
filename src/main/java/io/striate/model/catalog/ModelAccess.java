package io.striate.model.catalog;

import io.striate.account.Caller;
import io.striate.problem.ProblemException;
import io.striate.problem.ProblemStatus;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Who may see and change a registered model, written once: a model is visible when it is public or when the
 * caller owns it (administrators own everything); only its owner adds versions. Other features ask here instead of
 * reading the model repositories and repeating the rule (the server-rendered pages, which carry no token, ask with
 * {@code Optional.empty()}); SQL that filters lists uses {@link #VISIBLE_SQL}, or {@link #PUBLIC_SQL} where the
 * reader is always anonymous. The leaderboard's precomputed rows carry {@link #PUBLIC_SQL} as a column
 * ({@code leaderboard_entry.is_public}, kept equal to it by migration V18's triggers) so that a page ranks a node's
 * public rows from one index.
 */
@Component
public class ModelAccess {
  /** The public half of the rule over a query's {@code model m}: what an anonymous caller sees. */
  public static final String PUBLIC_SQL = "m.visibility = 'public'";
  /**
   * {@link #canSee} in SQL over a query's {@code model m}, with the parameters {@code :viewer} (the caller's owner
   * name, null when anonymous) and {@code :admin} (whether the caller is an administrator).
   */
  public static final String VISIBLE_SQL = "(" + PUBLIC_SQL + " or :admin or m.owner = cast(:viewer as text))";

  private final RegisteredModelRepository models;
  private final ModelVersionRepository versions;

  ModelAccess(RegisteredModelRepository models, ModelVersionRepository versions) {
    this.models = models;
    this.versions = versions;
  }

  /** The visibility rule: public, or owned by the caller. An anonymous caller sees public models only. */
  public static boolean canSee(RegisteredModel model, Optional<Caller> caller) {
    return model.isPublic() || owns(model, caller);
  }

  /** Whether the caller owns the model (administrators own everything); false when anonymous. */
  public static boolean owns(RegisteredModel model, Optional<Caller> caller) {
    return caller.map(c -> c.owns(model.getOwner())).orElse(false);
  }

  /** The model with this id if the caller may see it. */
  public Optional<RegisteredModel> model(long id, Optional<Caller> caller) {
    return models.findById(id).filter(m -> canSee(m, caller));
  }

  /** The model with this id if the caller may see it, else a 404 {@code model-not-found}. */
  public RegisteredModel requireModel(long id, Optional<Caller> caller) {
    return model(id, caller).orElseThrow(() -> ProblemException.notFound("model", id));
  }

  /** A model the caller may add versions to: 404 if invisible to them, 403 {@code not-owner} if only visible. */
  public RegisteredModel requireOwned(long id, Caller caller) {
    RegisteredModel model = requireModel(id, Optional.of(caller));
    if (!caller.owns(model.getOwner())) {
      throw new ProblemException(ProblemStatus.FORBIDDEN, "not-owner", "Only the owner adds versions to model " + id,
          "id", "Register your own model with POST /api/v1/models");
    }
    return model;
  }

  /** The models called {@code name} that the caller may see, oldest first (names are unique per owner). */
  public List<RegisteredModel> named(String name, Optional<Caller> caller) {
    return models.findByNameOrderByIdAsc(name).stream().filter(m -> canSee(m, caller)).toList();
  }

  /** The versions of a model obtained here (so visible to the caller), oldest first. */
  public List<ModelVersion> versions(RegisteredModel model) {
    return versions.findByModelIdOrderByIdAsc(model.getId());
  }

  /** The version with this id if the caller may see its model. */
  public Optional<ModelVersion> version(long versionId, Optional<Caller> caller) {
    return versions.findById(versionId).filter(v -> model(v.getModelId(), caller).isPresent());
  }

  /** The version with this id, of model {@code modelId}, if the caller may see that model. */
  public Optional<ModelVersion> version(long modelId, long versionId, Optional<Caller> caller) {
    return version(versionId, caller).filter(v -> v.getModelId() == modelId);
  }
}
