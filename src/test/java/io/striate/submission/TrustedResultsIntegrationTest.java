package io.striate.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.striate.benchmark.ScoreTree;
import io.striate.support.Api;
import io.striate.support.IntegrationTest;
import io.striate.support.Multipart;
import io.striate.support.TestBenchmarks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 8, items 3–6 through HTTP: distinct benchmark states with a retry for the owner, no silent acceptance of
 * metadata and spec bodies, version identity over artifact and metadata, stated defaults, filled
 * {@code alreadyScored}, and the model and submission lists.
 */
class TrustedResultsIntegrationTest extends IntegrationTest {
  private static final String PROBE = "test-surround-probe";
  private static final String FAILING = "test-failing-probe";
  private static final String PREF_OR = "Marques2020_DeValois1982-pref_or";
  private static final Path TINY_DICT = Path.of("src/test/resources/fixtures/runtime/tiny_dict.pt");

  @Test
  void scoredFailedAndNotInstalledAreDistinctAndTheOwnerRetries() {
    String token = userToken("states-owner");
    long model = createModel(token, "states-model");
    long version = testVersion(token, model, "states");
    TestBenchmarks.SURROUND_FAILS.add(version);
    var first = api.post("/api/v1/submissions", token, Map.of("modelVersionId", version, "benchmarks",
        List.of(PROBE, FAILING)));
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    // the layer sweep (queued first, the version has no V1 layer yet) succeeds, both probes fail
    assertThat(awaitDone(first.json().get("id").asLong(), token)).isEqualTo("partially-failed");

    Map<String, JsonNode> states = states(model, version, token);
    assertThat(states.get(PROBE).get("state").asString()).isEqualTo("failed");
    assertThat(states.get(PROBE).get("failure").get("kind").asString()).isEqualTo("invalid-model");
    assertThat(states.get(PROBE).get("failure").get("message").asString()).contains("simulated failure");
    JsonNode retry = states.get(PROBE).get("retry");
    assertThat(retry.get("method").asString()).isEqualTo("POST");
    assertThat(retry.get("href").asString()).isEqualTo("/api/v1/submissions");
    assertThat(states(model, version, null).get(PROBE).has("retry")).as("only the owner gets the retry").isFalse();
    JsonNode fz = states.get(ScoreTree.FREEMAN_ZIEMBA_PLS);
    assertThat(fz.get("state").asString()).isEqualTo("not-installed");
    assertThat(fz.get("howTo").asString()).isNotBlank();
    assertThat(states.get(PREF_OR).get("state").asString()).isEqualTo("not-requested");

    TestBenchmarks.SURROUND_FAILS.remove(version);
    var again = api.post(retry.get("href").asString(), token, retry.get("body"));
    assertThat(again.status()).as(again.body()).isEqualTo(201);
    assertThat(awaitDone(again.json().get("id").asLong(), token)).isEqualTo("succeeded");
    states = states(model, version, token);
    assertThat(states.get(PROBE).get("state").asString()).isEqualTo("scored");
    assertThat(states.get(PROBE).get("ceiled").asDouble()).isEqualTo(0.6);
    assertThat(states.get(FAILING).get("state").asString()).isEqualTo("failed");

    // the same distinction on the leaderboard (JSON and CSV): failed counts 0, not-installed is pruned
    JsonNode row = api.get("/api/v1/leaderboard?node=V1-response_magnitude&q=states-model", null).json()
        .get("rows").get(0);
    assertThat(row.get("value").isNull()).isTrue();
    Map<String, String> missing = new java.util.HashMap<>();
    row.get("missing").forEach(m -> missing.put(m.get("id").asString(), m.get("state").asString()));
    assertThat(missing).containsEntry(FAILING, "failed").containsEntry("Marques2020_Ringach2002-max_dc",
        "not-installed");
    String csv = api.get("/api/v1/leaderboard?node=V1-response_magnitude&q=states-model", null, "text/csv").body();
    assertThat(csv.split("\r\n")[1]).contains("," + FAILING + ",").contains("Marques2020_Ringach2002-max_dc");
    JsonNode surround = api.get("/api/v1/leaderboard?node=V1-surround_modulation&q=states-model", null).json()
        .get("rows").get(0);
    assertThat(surround.get("missing").toString()).contains("Marques2020_Cavanaugh2002-surround_suppression_index",
        "not-scored");
  }

  @Test
  void misspeltMetadataKeysAreRefusedWithTheNearestKey() {
    String token = userToken("meta-owner");
    long model = createModel(token, "meta-model");
    var wrongCase = uploadTiny(token, model, "{\"visualdegrees\": 4}");
    assertThat(wrongCase.status()).as(wrongCase.body()).isEqualTo(422);
    assertThat(wrongCase.json().get("code").asString()).isEqualTo("unknown-metadata-key");
    assertThat(wrongCase.json().get("field").asString()).isEqualTo("/metadata/visualdegrees");
    assertThat(wrongCase.json().get("hint").asString()).startsWith("Did you mean 'visualDegrees'?");
    assertThat(wrongCase.json().get("nearest").asString()).isEqualTo("visualDegrees");

    var spec = api.post("/api/v1/models/" + model + "/versions", token, Map.of("spec", testSpec("meta"),
        "metadata", Map.of("v1layer", "pixels")));
    assertThat(spec.status()).as(spec.body()).isEqualTo(422);
    assertThat(spec.json().get("field").asString()).isEqualTo("/metadata/v1layer");
    assertThat(spec.json().get("nearest").asString()).isEqualTo("v1Layer");
  }

  @Test
  void versionIdentityCoversTheArtifactAndItsEffectiveMetadata() {
    String token = userToken("identity-owner");
    long model = createModel(token, "identity-model");
    var plain = uploadTiny(token, model, null);
    assertThat(plain.status()).as(plain.body()).isEqualTo(201);
    long plainId = plain.json().get("id").asLong();
    assertThat(plain.json().get("identity").asString()).isEqualTo(plain.json().get("sha256").asString());

    var restated = uploadTiny(token, model, "{\"visualDegrees\": 8, \"v1Layer\": \"conv1\"}");
    assertThat(restated.status()).as("the archive's own metadata restated: same version").isEqualTo(200);
    assertThat(restated.json().get("id").asLong()).isEqualTo(plainId);

    var at4 = uploadTiny(token, model, "{\"visualDegrees\": 4}");
    assertThat(at4.status()).as("same bytes, other metadata: a new version").isEqualTo(201);
    assertThat(at4.json().get("id").asLong()).isNotEqualTo(plainId);
    assertThat(at4.json().get("sha256").asString()).isEqualTo(plain.json().get("sha256").asString());
    assertThat(at4.json().get("identity").asString()).isNotEqualTo(plain.json().get("identity").asString());
    assertThat(at4.json().get("metadata").get("visualDegrees").asDouble()).isEqualTo(4.0);

    var at4Again = uploadTiny(token, model, "{\"visualDegrees\": 4.0}");
    assertThat(at4Again.status()).isEqualTo(200);
    assertThat(at4Again.json().get("id").asLong()).isEqualTo(at4.json().get("id").asLong());

    var spec = api.post("/api/v1/models/" + model + "/versions", token, Map.of("spec", testSpec("identity")));
    var specPinned = api.post("/api/v1/models/" + model + "/versions", token, Map.of("spec", testSpec("identity"),
        "metadata", Map.of("visualDegrees", 2)));
    assertThat(spec.status()).isEqualTo(201);
    assertThat(specPinned.status()).isEqualTo(201);
    assertThat(specPinned.json().get("sha256").asString()).isEqualTo(spec.json().get("sha256").asString());
  }

  @Test
  void aBareSpecIsAcceptedAndUnknownWrapperFieldsAreNamed() {
    String token = userToken("bare-owner");
    long model = createModel(token, "bare-model");
    var bare = api.post("/api/v1/models/" + model + "/versions", token, testSpec("bare"));
    assertThat(bare.status()).as(bare.body()).isEqualTo(201);
    var wrapped = api.post("/api/v1/models/" + model + "/versions", token, Map.of("spec", testSpec("bare")));
    assertThat(wrapped.status()).isEqualTo(200);
    assertThat(wrapped.json().get("id").asLong()).isEqualTo(bare.json().get("id").asLong());

    var typo = api.post("/api/v1/models/" + model + "/versions", token, Map.of("refrence", "pixels"));
    assertThat(typo.status()).as(typo.body()).isEqualTo(422);
    assertThat(typo.json().get("code").asString()).isEqualTo("unknown-field");
    assertThat(typo.json().get("field").asString()).isEqualTo("/refrence");
    assertThat(typo.json().get("hint").asString()).contains("Did you mean 'reference'?", "{\"spec\": {");

    var neither = api.post("/api/v1/models/" + model + "/versions", token, Map.of("metadata", Map.of()));
    assertThat(neither.status()).isEqualTo(400);
    assertThat(neither.json().get("hint").asString()).contains("{\"spec\": {");
  }

  @Test
  void theDefaultSuiteIsStatedAndAResubmissionSaysWhatWasAlreadyScored() {
    String token = userToken("default-owner");
    long model = createModel(token, "default-model");
    long version = testVersion(token, model, "default");
    var defaulted = api.post("/api/v1/submissions", token, Map.of("modelVersionId", version));
    assertThat(defaulted.status()).as(defaulted.body()).isEqualTo(201);
    assertThat(defaulted.json().get("defaulted").asBoolean()).isTrue();
    assertThat(defaulted.json().get("benchmarks").toString()).isEqualTo("[\"v1\"]");
    assertThat(defaulted.json().get("notes").toString()).contains("default [\\\"v1\\\"]");
    awaitDone(defaulted.json().get("id").asLong(), token);

    var resubmit = api.post("/api/v1/submissions", token, Map.of("modelVersionId", version, "benchmarks",
        List.of(PROBE)), "Idempotency-Key", "resubmit-1");
    assertThat(resubmit.status()).as(resubmit.body()).isEqualTo(201);
    assertThat(resubmit.json().get("defaulted").asBoolean()).isFalse();
    assertThat(resubmit.json().get("jobs")).isEmpty();
    assertThat(resubmit.json().get("state").asString()).isEqualTo("succeeded");
    assertThat(resubmit.json().get("alreadyScored").toString()).isEqualTo("[\"" + PROBE + "\"]");
    assertThat(resubmit.json().get("notes").toString()).contains("Nothing was queued", "already has a current score");
    long id = resubmit.json().get("id").asLong();
    assertThat(api.get("/api/v1/submissions/" + id, token).json().get("alreadyScored").toString()).contains(PROBE);
    var replay = api.post("/api/v1/submissions", token, Map.of("modelVersionId", version, "benchmarks",
        List.of(PROBE)), "Idempotency-Key", "resubmit-1");
    assertThat(replay.status()).isEqualTo(200);
    assertThat(replay.json().get("alreadyScored").toString()).contains(PROBE);
  }

  @Test
  void modelsAndSubmissionsAreListedWithPrivateOnesOnlyForTheirOwner() {
    String alice = userToken("list-alice");
    String bob = userToken("list-bob");
    long open = createModel(alice, "list-open");
    var hidden = api.post("/api/v1/models", alice, Map.of("name", "list-hidden", "visibility", "private"));
    assertThat(hidden.status()).isEqualTo(201);
    long hiddenId = hidden.json().get("id").asLong();
    long openVersion = testVersion(alice, open, "list-open");
    long hiddenVersion = testVersion(alice, hiddenId, "list-hidden");
    long s1 = api.post("/api/v1/submissions", alice, Map.of("modelVersionId", openVersion, "benchmarks",
        List.of(FAILING))).json().get("id").asLong();
    long s2 = api.post("/api/v1/submissions", alice, Map.of("modelVersionId", hiddenVersion, "benchmarks",
        List.of(PROBE))).json().get("id").asLong();
    awaitDone(s1, alice);
    awaitDone(s2, alice);

    assertThat(names(api.get("/api/v1/models?owner=list-alice", null))).containsExactly("list-open");
    assertThat(names(api.get("/api/v1/models?owner=list-alice", bob))).containsExactly("list-open");
    assertThat(names(api.get("/api/v1/models?owner=list-alice", alice))).containsExactly("list-hidden", "list-open");
    assertThat(names(api.get("/api/v1/models?owner=list-alice&visibility=private", alice)))
        .containsExactly("list-hidden");
    var page = api.get("/api/v1/models?owner=list-alice&size=1&page=1", alice).json();
    assertThat(page.get("total").asLong()).isEqualTo(2);
    assertThat(page.get("models").get(0).get("name").asString()).isEqualTo("list-open");
    assertThat(api.get("/api/v1/models?visibility=secret", null).status()).isEqualTo(400);

    assertThat(ids(api.get("/api/v1/submissions?owner=list-alice", null))).containsExactly(s1);
    assertThat(ids(api.get("/api/v1/submissions?owner=list-alice", alice))).containsExactly(s2, s1);
    assertThat(ids(api.get("/api/v1/submissions?owner=list-alice&state=partially-failed", alice)))
        .as("layer sweep succeeded, the failing probe failed").containsExactly(s1);
    assertThat(ids(api.get("/api/v1/submissions?owner=list-alice&state=failed", alice))).isEmpty();
    assertThat(ids(api.get("/api/v1/submissions?owner=list-alice&state=succeeded&visibility=private", alice)))
        .containsExactly(s2);
    var bad = api.get("/api/v1/submissions?state=done", null);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("field").asString()).isEqualTo("state");
  }

  private static List<String> names(Api.Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get("models").valueStream().map(m -> m.get("name").asString()).toList();
  }

  private static List<Long> ids(Api.Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get("submissions").valueStream().map(m -> m.get("id").asLong()).toList();
  }

  private Map<String, JsonNode> states(long model, long version, String token) {
    JsonNode v = api.get("/api/v1/models/" + model + "/versions/" + version, token).json();
    Map<String, JsonNode> out = new java.util.HashMap<>();
    v.get("benchmarks").forEach(b -> out.put(b.get("benchmarkId").asString(), b));
    return out;
  }

  private String awaitDone(long submission, String token) {
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      String s = api.get("/api/v1/submissions/" + submission, token).json().get("state").asString();
      return !s.equals("queued") && !s.equals("running");
    });
    return api.get("/api/v1/submissions/" + submission, token).json().get("state").asString();
  }

  private Api.Response uploadTiny(String token, long model, String metadata) {
    return api.upload("/api/v1/models/" + model + "/versions", token, () -> {
      try {
        Multipart m = new Multipart().file("file", "tiny.pt", Files.newInputStream(TINY_DICT));
        return (metadata == null ? m : m.field("metadata", metadata)).build();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }, Multipart.BOUNDARY);
  }
}
