package io.striate.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.striate.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Auth findings of issue #9: revocation reaches minted tokens; only owners (or admins) queue scoring. */
class AuthorityIntegrationTest extends IntegrationTest {
  @Test
  void revokingATokenRevokesTheTokensItMintedTransitively() {
    var parent = api.post("/api/v1/tokens", ADMIN, Map.of("name", "parent", "owner", "lineage",
        "scopes", List.of("submit")));
    String parentSecret = parent.json().get("secret").asString();
    long parentId = parent.json().get("token").get("id").asLong();
    String child = api.post("/api/v1/tokens", parentSecret, Map.of("name", "child")).json().get("secret").asString();
    String grandchild = api.post("/api/v1/tokens", child, Map.of("name", "grandchild")).json().get("secret")
        .asString();
    assertThat(api.get("/api/v1/tokens", grandchild).status()).isEqualTo(200);

    assertThat(api.delete("/api/v1/tokens/" + parentId, parentSecret).status()).isEqualTo(200);

    assertThat(api.get("/api/v1/tokens", parentSecret).status()).isEqualTo(401);
    assertThat(api.get("/api/v1/tokens", child).status()).isEqualTo(401);
    assertThat(api.get("/api/v1/tokens", grandchild).status()).isEqualTo(401);
  }

  @Test
  void onlyTheOwnerOrAnAdminQueuesScoringOfAPublicModel() {
    String owner = userToken("scoring-owner");
    String stranger = userToken("scoring-stranger");
    long model = createModel(owner, "owned-public");
    long version = testVersion(owner, model, "owned");
    Map<String, Object> body = Map.of("modelVersionId", version, "benchmarks", List.of(TEST_BENCHMARK_ID));

    var refused = api.post("/api/v1/submissions", stranger, body);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().get("code").asString()).isEqualTo("not-owner");

    assertThat(api.post("/api/v1/submissions", owner, body).status()).isIn(201, 200);
    assertThat(api.post("/api/v1/submissions", ADMIN, body).status()).isIn(201, 200);
  }

  private static final String TEST_BENCHMARK_ID = "test-quick";
}
