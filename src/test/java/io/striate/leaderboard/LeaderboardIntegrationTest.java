package io.striate.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.striate.benchmark.BenchmarkRegistry;
import io.striate.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

class LeaderboardIntegrationTest extends IntegrationTest {
  private static final double EXACT = 1e-9;
  @Autowired
  BenchmarkRegistry registry;
  @Autowired
  JdbcTemplate jdbc;

  @Test
  void scoredLeafRisesThroughTheTreeWithMissingChildrenShown() {
    String token = userToken("lb-owner");
    long model = createModel(token, "lb-surround-model");
    long version = testVersion(token, model, "lb");
    var r = api.post("/api/v1/submissions", token, Map.of("modelVersionId", version, "benchmarks",
        List.of("test-surround-probe")));
    assertThat(r.status()).isEqualTo(201);
    await().atMost(Duration.ofSeconds(60)).until(() -> row("V1-surround_modulation", "lb-surround-model") != null);

    int familyChildren = registry.tree().childrenOf("V1-surround_modulation").size();
    JsonNode family = row("V1-surround_modulation", "lb-surround-model");
    assertThat(family.get("value").asDouble()).isCloseTo(0.6 / familyChildren, within(EXACT));
    assertThat(family.get("meanOfScored").asDouble()).isCloseTo(0.6, within(EXACT));

    // pruned tree: only families with an installed benchmark count, FreemanZiemba (not installed) drops out of V1
    int installedFamilies = (int) registry.tree().childrenOf("Marques2020").stream().filter(this::anyInstalled)
        .count();
    double marques = 0.6 / familyChildren / installedFamilies;
    JsonNode v1 = row("V1", "lb-surround-model");
    int v1Children = (int) registry.tree().childrenOf("V1").stream().filter(this::anyInstalled).count();
    assertThat(v1.get("value").asDouble()).isCloseTo(marques / v1Children, within(EXACT));
    assertThat(v1.get("nodes").get("Marques2020").asDouble()).isCloseTo(marques, within(EXACT));
    int installed = (int) registry.tree().leavesUnder("V1").stream().filter(this::anyInstalled).count();
    int total = registry.tree().leavesUnder("V1").size();
    assertThat(v1.get("coverage").asString()).isEqualTo("V1: " + installed + " of " + total
        + " benchmarks installed");
    assertThat(v1.get("installedLeaves").asInt()).isEqualTo(installed);
    assertThat(v1.get("scoredLeaves").asInt()).isEqualTo(1);
    assertThat(v1.get("meanOfScored").asDouble()).as("true mean over scored leaves").isCloseTo(0.6, within(EXACT));
    JsonNode marquesRow = row("Marques2020", "lb-surround-model");
    assertThat(marquesRow.get("scoredChildren").asInt()).isEqualTo(1);
    assertThat(marquesRow.get("totalChildren").asInt()).isEqualTo(installedFamilies);
    assertThat(marquesRow.get("missing").toString()).contains("V1-orientation", "nothing below was scored",
        "not-scored");
    JsonNode page = api.get("/api/v1/leaderboard?node=V1&q=lb-surround", null).json();
    assertThat(page.get("coverage").asString()).isEqualTo(v1.get("coverage").asString());
    assertThat(page.get("tree").asString()).contains("FreemanZiemba2013.V1-pls", "Marques2020", "since 2024");

    var badge = api.get("/api/v1/models/" + model + "/badge.svg?node=V1-surround_modulation", null);
    assertThat(badge.status()).isEqualTo(200);
    assertThat(badge.headers().firstValue("Content-Type").orElse("")).startsWith("image/svg+xml");
    assertThat(badge.body()).contains(String.format(java.util.Locale.ROOT, "%.3f", 0.6 / familyChildren))
        .contains("(" + familyChildren + " of " + familyChildren + " installed)", "Striate's V1 tree");
    assertThat(api.get("/api/v1/models/" + model + "/badge.svg?node=V1-texture_modulation", null).body())
        .contains("not scored");

    var csv = api.get("/api/v1/leaderboard?node=V1&q=lb-surround", null, "text/csv");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    String[] lines = csv.body().split("\r\n");
    assertThat(lines[0]).startsWith("rank,model_id,name,owner,model_version_id,V1,mean_of_scored,scored_children,"
        + "total_children,scored_benchmarks,installed_benchmarks,total_benchmarks,coverage,tree,failed,not_scored,"
        + "not_installed,");
    assertThat(lines).hasSize(2);
    assertThat(lines[1]).contains("lb-surround-model", "lb-owner", v1.get("coverage").asString(),
        "striate-v1-2023", io.striate.benchmark.ScoreTree.FREEMAN_ZIEMBA_PLS);
  }

  @Test
  void filtersSortsAndPagesAndRejectsBadParameters() {
    var owner = api.get("/api/v1/leaderboard?owner=nobody-at-all", null);
    assertThat(owner.json().get("total").asLong()).isZero();
    var badNode = api.get("/api/v1/leaderboard?node=V7", null);
    assertThat(badNode.status()).isEqualTo(400);
    assertThat(badNode.json().get("code").asString()).isEqualTo("unknown-node");
    assertThat(badNode.json().get("field").asString()).isEqualTo("node");
    var badSize = api.get("/api/v1/leaderboard?size=100000", null);
    assertThat(badSize.status()).isEqualTo(400);
    assertThat(badSize.json().get("field").asString()).isEqualTo("size");
    var badSort = api.get("/api/v1/leaderboard?sort=magic", null);
    assertThat(badSort.json().get("code").asString()).isEqualTo("invalid-parameter");
  }

  /** The page's BibTeX download holds the entries of exactly the models in view, as a .bib attachment. */
  @Test
  void bibtexOfTheModelsInView() {
    String token = userToken("lb-bib-owner");
    String bib = "@article{lbcited2023, title={A cited model}, year={2023}}";
    var created = api.post("/api/v1/models", token, Map.of("name", "lb-bib-cited", "visibility", "public",
        "bibtex", bib));
    assertThat(created.status()).isEqualTo(201);
    long cited = created.json().get("id").asLong();
    long uncited = createModel(token, "lb-bib-uncited");
    for (long m : List.of(cited, uncited)) {
      long version = testVersion(token, m, "lb-bib-" + m);
      assertThat(api.post("/api/v1/submissions", token, Map.of("modelVersionId", version, "benchmarks",
          List.of("test-surround-probe"))).status()).isEqualTo(201);
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> row("V1-surround_modulation", "lb-bib-cited") != null
        && row("V1-surround_modulation", "lb-bib-uncited") != null);
    var download = api.get("/leaderboard.bib?node=V1-surround_modulation&q=lb-bib", null, "application/x-bibtex");
    assertThat(download.status()).isEqualTo(200);
    assertThat(download.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-bibtex");
    assertThat(download.headers().firstValue("Content-Disposition").orElse("")).contains("attachment",
        "striate-leaderboard.bib");
    assertThat(download.body()).contains("% lb-bib-owner/lb-bib-cited", bib).doesNotContain("lb-bib-uncited");
    assertThat(api.get("/leaderboard.bib?node=V1-surround_modulation&q=nothing-matches-this", null,
        "application/x-bibtex").body()).isEmpty();
  }

  /**
   * A private model's rows exist but never rank (page, API, colour ranges); its entries mirror the model's visibility
   * (V18's triggers keep {@code leaderboard_entry.is_public} in step), both ways.
   */
  @Test
  void privateModelsNeverRankAndEntriesFollowTheModelsVisibility() {
    String token = userToken("lb-private-owner");
    var created = api.post("/api/v1/models", token, Map.of("name", "lb-private-model", "visibility", "private"));
    assertThat(created.status()).isEqualTo(201);
    long model = created.json().get("id").asLong();
    long version = testVersion(token, model, "lb-private");
    assertThat(api.post("/api/v1/submissions", token, Map.of("modelVersionId", version, "benchmarks",
        List.of("test-surround-probe"))).status()).isEqualTo(201);
    await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
        "select count(*) from leaderboard_entry where model_id = ? and value is not null", Long.class, model) > 0);
    assertThat(jdbc.queryForObject("select bool_or(is_public) from leaderboard_entry where model_id = ?",
        Boolean.class, model)).isFalse();
    assertThat(api.get("/api/v1/leaderboard?node=V1-surround_modulation&q=lb-private", null).json().get("total")
        .asLong()).isZero();
    assertThat(api.get("/?q=lb-private", null, "text/html").body()).doesNotContain("lb-private-model");

    jdbc.update("update model set visibility = 'public' where id = ?", model);
    assertThat(row("V1-surround_modulation", "lb-private-model")).as("public now: ranked").isNotNull();
    assertThat(api.get("/?node=V1-surround_modulation&q=lb-private", null, "text/html").body()).contains("lb-private-model");
    jdbc.update("update model set visibility = 'private' where id = ?", model);
    assertThat(row("V1-surround_modulation", "lb-private-model")).as("private again: gone").isNull();
  }

  /** Whether any benchmark at or below {@code id} has its data installed here. */
  private boolean anyInstalled(String id) {
    List<String> leaves = registry.tree().isNode(id) ? registry.tree().leavesUnder(id) : List.of(id);
    return leaves.stream().anyMatch(l -> registry.find(l).orElseThrow().availability().available());
  }

  private JsonNode row(String node, String name) {
    JsonNode page = api.get("/api/v1/leaderboard?node=" + node + "&q=" + name, null).json();
    for (JsonNode row : page.get("rows")) {
      if (row.get("name").asString().equals(name) && !row.get("value").isNull()) {
        return row;
      }
    }
    return null;
  }
}
