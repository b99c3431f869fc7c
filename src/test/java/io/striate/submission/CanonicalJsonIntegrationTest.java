package io.striate.submission;

import static org.assertj.core.api.Assertions.assertThat;

import io.striate.storage.Hashing;
import io.striate.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Equal specs are one version (RFC 8785: 8 and 8.0 hash alike), and a version registered before V14, whose identity
 * hashes the old canonical form (numbers as spelled), is still found when the same spec is sent again.
 */
class CanonicalJsonIntegrationTest extends IntegrationTest {
  private static final String EIGHT = """
      {"spec": {"name": "numbers", "taps": ["pixels"], "layers": [{"type": "identity", "name": "pixels"}],
                "input": {"size": 8, "mean": [0, 0, 0], "std": [1, 1, 1], "visualDegrees": 8}}}""";
  private static final String EIGHT_POINT_ZERO = """
      {"spec": {"name": "numbers", "taps": ["pixels"], "layers": [{"type": "identity", "name": "pixels"}],
                "input": {"size": 8, "mean": [0.0, 0e0, -0.0], "std": [1.0, 1E0, 10e-1], "visualDegrees": 8.0}}}""";

  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  JsonMapper json;

  @Test
  void numbersSpelledDifferentlyAreOneVersion() {
    String token = userToken("rfc8785");
    long model = createModel(token, "rfc8785-numbers");
    var first = api.post(versions(model), token, EIGHT);
    var again = api.post(versions(model), token, EIGHT_POINT_ZERO);
    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).as(again.body()).isEqualTo(200);
    assertThat(again.json().get("id").asLong()).isEqualTo(first.json().get("id").asLong());
    assertThat(jdbc.queryForObject("select canonical_json from model_version where id = ?", String.class,
        first.json().get("id").asLong())).isEqualTo("rfc8785");
  }

  @Test
  void aVersionRegisteredBeforeV14IsFoundUnderItsOldIdentity() {
    String token = userToken("pre-v14");
    long model = createModel(token, "pre-v14-numbers");
    long id = registeredAsBeforeV14(token, model);
    var again = api.post(versions(model), token, EIGHT_POINT_ZERO);
    assertThat(again.status()).as(again.body()).isEqualTo(200);
    assertThat(again.json().get("id").asLong()).isEqualTo(id);
    assertThat(jdbc.queryForObject("select count(*) from model_version where model_id = ?", Long.class, model))
        .isEqualTo(1);
  }

  @Test
  void withoutTheOldFormMarkTheOldIdentityIsNotTrusted() {
    String token = userToken("pre-v14-control");
    long model = createModel(token, "pre-v14-control");
    long id = registeredAsBeforeV14(token, model);
    jdbc.update("update model_version set canonical_json = 'rfc8785' where id = ?", id);
    var again = api.post(versions(model), token, EIGHT_POINT_ZERO);
    assertThat(again.status()).as(again.body()).isEqualTo(201);
    assertThat(again.json().get("id").asLong()).isNotEqualTo(id);
  }

  /** A version as V13 stored it: spec text, sha-256 and identity of the sorted-keys form with 8.0 as spelled. */
  private long registeredAsBeforeV14(String token, long model) {
    var created = api.post(versions(model), token, EIGHT_POINT_ZERO);
    assertThat(created.status()).isEqualTo(201);
    long id = created.json().get("id").asLong();
    byte[] old = CanonicalJson.legacyBytes(json, json.readTree(EIGHT_POINT_ZERO).get("spec"));
    String oldText = new String(old, StandardCharsets.UTF_8);
    assertThat(oldText).contains("\"visualDegrees\":8.0");
    String oldSha = Hashing.sha256Hex(old);
    jdbc.update("update model_version set spec = cast(? as jsonb), sha256 = ?, identity = ?, canonical_json = 'sorted-keys' "
        + "where id = ?", oldText, oldSha, oldSha, id);
    return id;
  }

  private static String versions(long model) {
    return "/api/v1/models/" + model + "/versions";
  }
}
