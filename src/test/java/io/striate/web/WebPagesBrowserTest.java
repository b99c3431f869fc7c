package io.striate.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.striate.benchmark.BenchmarkRegistry;
import io.striate.leaderboard.LeaderboardUpdater;
import io.striate.results.Score;
import io.striate.results.ScoreRepository;
import io.striate.support.IntegrationTest;
import io.striate.support.LeaderboardSeed;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The five pages in a real browser (Debian's chromium + chromium-driver, headless), one Spring context and one
 * browser session for the whole class. Screenshots of every page go to {@code target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebPagesBrowserTest extends IntegrationTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String SURROUND = "Marques2020_Cavanaugh2002-surround_suppression_index";
  private static final String PEAK_SF = "Marques2020_DeValois1982-peak_sf";
  private static final String GSF = "Marques2020_Cavanaugh2002-grating_summation_field";
  private static final String HOSTILE = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>";

  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  BenchmarkRegistry registry;
  @Autowired
  ScoreRepository scores;
  @Autowired
  LeaderboardUpdater leaderboard;
  @Autowired
  TransactionTemplate transactions;

  private WebDriver driver;
  private String base;
  private long plotModel;
  private long otherModel;
  private long hostileModel;

  @BeforeAll
  void browserAndData() throws Exception {
    assumeThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
        .as("chromium and chromium-driver are not installed (apt-get install -y chromium chromium-driver); "
            + "the browser tests are skipped").isTrue();
    Files.createDirectories(SCREENSHOTS);
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless",
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--window-size=1400,1000", "--disable-dev-shm-usage");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(WAIT);
    base = "http://localhost:" + port;
    api = new io.striate.support.Api(port);
    seed();
  }

  @AfterAll
  void quit() {
    if (driver != null) {
      driver.quit();
    }
  }

  private void seed() {
    // rank on this instance's installed benchmarks first: seeded rows (values without scores) are then kept
    leaderboard.ensureCurrent();
    LeaderboardSeed.seed(jdbc, "web-seed", "webseed-", 25, registry.tree());
    String token = userToken("web-alice");
    plotModel = model(token, Map.of("name", "web-plots", "visibility", "public", "description",
        "A model with property evidence", "paperUrl", "https://example.org/paper", "bibtex",
        "@article{plots2024, title={Plots}, year={2024}}"));
    long version = testVersion(token, plotModel, "web-plots");
    otherModel = createModel(token, "web-other");
    long otherVersion = testVersion(token, otherModel, "web-other");
    var r = api.post("/api/v1/submissions", token, Map.of("modelVersionId", version, "benchmarks",
        List.of("test-surround-probe")));
    assertThat(r.status()).isEqualTo(201);
    org.awaitility.Awaitility.await().atMost(WAIT).until(() ->
        jdbc.queryForObject("select count(*) from score where model_version_id = ? and benchmark_id = ?",
            Long.class, version, "test-surround-probe") == 1);
    transactions.executeWithoutResult(t -> {
      property(version, SURROUND, "Cavanaugh2002a", "surround_suppression_index", new double[] {
          0, 3, 9, 14, 12, 8, 4, 2, 1, 0}, 0.71, 0.02);
      property(version, PEAK_SF, "DeValois1982b", "peak_spatial_frequency", new double[] {
          0, 0, 1, 2, 6, 9, 11, 8, 5, 2, 1, 0}, 0.64, 0.03);
      property(version, GSF, "Cavanaugh2002a", "grating_summation_field", new double[] {0, 0, 0, 0, 0, 0, 0, 0},
          0.0, 0.0);
      property(otherVersion, SURROUND, "Cavanaugh2002a", "surround_suppression_index", new double[] {
          6, 10, 9, 5, 3, 2, 1, 0, 0, 0}, 0.52, 0.02);
      leaderboard.refresh(version);
      leaderboard.refresh(otherVersion);
    });
    hostileModel = hostile(token);
  }

  /** A property score with the details document the real benchmark writes (bins and primate counts from the data). */
  private void property(long version, String benchmark, String dataset, String property, double[] modelCounts,
                        double ceiled, double error) {
    JsonMapper json = JsonMapper.builder().build();
    JsonNode data;
    try (InputStream in = getClass().getResourceAsStream("/benchmark/marques2020/histograms.json")) {
      data = json.readTree(in).get("datasets").get(dataset).get("properties").get(property);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    ObjectNode d = json.createObjectNode();
    d.put("property", property);
    d.put("dataset", dataset);
    d.set("bins", data.get("bins"));
    var counts = d.putArray("model_counts");
    for (double c : modelCounts) {
      counts.add(c);
    }
    d.set("data_counts", data.get("counts"));
    boolean empty = java.util.Arrays.stream(modelCounts).sum() == 0;
    d.put("units_mapped", 150);
    d.put("units_in_rf", 120);
    d.put("units_passing_threshold", 105);
    var values = d.putArray("values");
    for (int i = 0; i < 105; i++) {
      values.add(empty ? 40.0 + i : 1.0);
    }
    if (empty) {
      d.putNull("ks_statistic");
    } else {
      d.put("ks_statistic", 1 - ceiled * 0.8);
    }
    int benchmarkVersion = registry.find(benchmark).orElseThrow().info().version();
    scores.save(new Score(null, version, benchmark, benchmarkVersion, ceiled * 0.8, 0.8, ceiled, error, "pixels",
        "raw/ceiling", json.writeValueAsString(d)));
  }

  /** A model whose description and BibTeX are script, and whose paper URL is javascript: (refused or stored). */
  private long hostile(String token) {
    Map<String, Object> body = new LinkedHashMap<>(Map.of("name", "web-hostile", "visibility", "public",
        "description", HOSTILE, "bibtex", "@misc{x, note={</pre><script>window.__xss=3</script>}}",
        "paperUrl", "javascript:window.__xss=4"));
    var r = api.post("/api/v1/models", token, body);
    if (r.status() == 422) {
      // the API refuses non-http(s) links (invalid-url); put one in the table as legacy data to test the page
      assertThat(r.body()).contains("invalid-url");
      body.remove("paperUrl");
      r = api.post("/api/v1/models", token, body);
    }
    assertThat(r.status()).isEqualTo(201);
    long id = r.json().get("id").asLong();
    jdbc.update("update model set paper_url = 'javascript:window.__xss=4', code_url = ' JaVaScRiPt:alert(1)' "
        + "where id = ?", id);
    long version = testVersion(token, id, "web-hostile");
    transactions.executeWithoutResult(t -> {
      property(version, SURROUND, "Cavanaugh2002a", "surround_suppression_index", new double[] {
          1, 2, 3, 4, 5, 4, 3, 2, 1, 0}, 0.3, 0.02);
      leaderboard.refresh(version);
    });
    return id;
  }

  private long model(String token, Map<String, Object> body) {
    var r = api.post("/api/v1/models", token, body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asLong();
  }

  @Test
  @Order(1)
  void leaderboardSortsFiltersAndPagesWithTheStateInTheUrl() {
    open("/?q=webseed-&size=10");
    assertThat(text("#summary")).startsWith("25 models").contains("page 1 of 3");
    assertThat(driver.findElements(By.cssSelector("a#prev"))).as("no Previous link on page 1").isEmpty();
    assertThat(rows()).hasSize(10);
    List<Double> v1 = column("V1");
    assertThat(v1).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    assertCspReady();
    screenshot("leaderboard");

    driver.findElement(By.cssSelector("a#next")).click();
    waitFor(d -> d.getCurrentUrl().contains("page=1"));
    assertThat(text("#pageinfo")).isEqualTo("page 2 of 3");
    assertThat(driver.findElements(By.cssSelector("a#prev"))).hasSize(1);

    // sort by a family column, ascending on the second click; the URL carries it
    open("/?q=webseed-&size=10");
    header("V1-orientation").findElement(By.cssSelector("a.sort")).click();
    waitFor(d -> d.getCurrentUrl().contains("sort=V1-orientation"));
    assertThat(column("V1-orientation")).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    header("V1-orientation").findElement(By.cssSelector("a.sort")).click();
    waitFor(d -> d.getCurrentUrl().contains("order=asc"));
    assertThat(column("V1-orientation")).isSorted();
    String sortedUrl = driver.getCurrentUrl();
    List<String> names = names();
    driver.navigate().refresh();
    assertThat(names()).as("the URL alone restores the view").isEqualTo(names);
    assertThat(sortedUrl).contains("q=webseed-", "size=10");

    // expand a family into its properties
    header("V1-surround_modulation").findElement(By.cssSelector("a.expand")).click();
    waitFor(d -> d.getCurrentUrl().contains("expand=V1-surround_modulation"));
    assertThat(driver.findElements(By.cssSelector("th[data-node='" + SURROUND + "']"))).hasSize(1);
    screenshot("leaderboard-expanded");

    // filter with the form: owner and kind; one page only, so neither paging button is a link
    open("/");
    driver.findElement(By.name("q")).sendKeys("web-");
    new Select(driver.findElement(By.name("kind"))).selectByValue("block_spec");
    driver.findElement(By.cssSelector("form.filters button[type=submit]")).click();
    waitFor(d -> d.getCurrentUrl().contains("kind=block_spec"));
    assertThat(names()).contains("web-plots", "web-other").allMatch(n -> n.startsWith("web-"));
    assertThat(text("#pageinfo")).isEqualTo("page 1 of 1");
    assertThat(driver.findElements(By.cssSelector("a#prev, a#next"))).isEmpty();
    assertThat(driver.findElements(By.cssSelector(".pager .button.disabled"))).hasSize(2);

    // phone width: the table scrolls inside its box, the page does not
    driver.manage().window().setSize(new Dimension(390, 844));
    open("/?q=webseed-&size=10");
    Long scrollWidth = (Long) ((JavascriptExecutor) driver).executeScript(
        "return document.documentElement.scrollWidth");
    assertThat(scrollWidth).isLessThanOrEqualTo(400);
    screenshot("leaderboard-phone");
    driver.manage().window().setSize(new Dimension(1400, 1000));
  }

  @Test
  @Order(2)
  void csvAndJsonDownloadsAreExactlyTheCurrentView() {
    open("/?q=webseed-&size=10&sort=name&order=asc&page=1");
    List<String> shown = names();
    String csv = api.get(driver.findElement(By.id("csv")).getAttribute("href").substring(base.length()), null)
        .body();
    String[] lines = csv.split("\r\n");
    List<String> header = List.of(lines[0].split(","));
    assertThat(header).doesNotHaveDuplicates().contains("V1", "V1-orientation");
    assertThat(lines).hasSize(1 + shown.size());
    List<String> csvNames = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      csvNames.add(lines[i].split(",")[header.indexOf("name")]);
    }
    assertThat(csvNames).isEqualTo(shown);
    JsonNode json = api.get(driver.findElement(By.id("json")).getAttribute("href").substring(base.length()), null)
        .json();
    assertThat(json.get("rows")).hasSize(shown.size());
    assertThat(json.get("rows").get(0).get("name").asString()).isEqualTo(shown.get(0));
  }

  @Test
  @Order(2)
  void filtersAppliedInTheFormAreTheViewTheCsvDownloads() {
    java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
    open("/?size=20");
    driver.findElement(By.name("q")).sendKeys("webseed-");
    driver.findElement(By.name("owner")).sendKeys("web-seed");
    new Select(driver.findElement(By.name("kind"))).selectByValue("block_spec");
    new Select(driver.findElement(By.name("block"))).selectByValue("vone");
    date("from", today.minusDays(20));
    date("to", today.minusDays(3));
    driver.findElement(By.cssSelector("form.filters button[type=submit]")).click();
    waitFor(d -> d.getCurrentUrl().contains("block=vone"));
    header("V1-orientation").findElement(By.cssSelector("a.sort")).click();
    waitFor(d -> d.getCurrentUrl().contains("sort=V1-orientation"));
    Long expected = jdbc.queryForObject("""
        select count(*) from model m join model_version v on v.model_id = m.id
         where m.owner = 'web-seed' and v.kind = 'block_spec' and m.created_at >= ? and m.created_at < ?""",
        Long.class, java.sql.Timestamp.from(today.minusDays(20).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()),
        java.sql.Timestamp.from(today.minusDays(2).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()));
    assertThat(expected).isBetween(2L, 20L);
    assertThat(text("#summary")).startsWith(expected + " models");
    List<String> shown = names();
    assertThat(shown).hasSize(expected.intValue()).allMatch(n -> n.startsWith("webseed-"));
    assertThat(column("V1-orientation")).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    screenshot("leaderboard-filtered");

    String csv = api.get(driver.findElement(By.id("csv")).getAttribute("href").substring(base.length()), null)
        .body();
    String[] lines = csv.split("\r\n");
    List<String> header = List.of(lines[0].split(","));
    assertThat(header).doesNotHaveDuplicates().contains("V1", "V1-orientation", "name");
    List<String> csvNames = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      csvNames.add(lines[i].split(",")[header.indexOf("name")]);
    }
    assertThat(csvNames).as("the CSV is the filtered, sorted view").isEqualTo(shown);
    JsonNode json = api.get(driver.findElement(By.id("json")).getAttribute("href").substring(base.length()), null)
        .json();
    assertThat(json.get("total").asLong()).isEqualTo(expected);
    for (JsonNode row : json.get("rows")) {
      assertThat(row.get("kind").asString()).isEqualTo("block_spec");
    }
  }

  @Test
  @Order(2)
  void cellsSayScoredFailedOrNotInstalledAndColourOnTheWholeLeaderboard() {
    long version = jdbc.queryForObject("select max(id) from model_version where model_id = ?", Long.class,
        otherModel);
    long submission = jdbc.queryForObject("""
        insert into submission (model_version_id, owner, request_hash, benchmarks) values (?, 'web-alice', 'x', ?)
        returning id""", Long.class, version, PEAK_SF);
    jdbc.update("""
        insert into job (submission_id, model_version_id, benchmark_id, state, attempts, max_attempts, failure_kind,
                         failure_message, finished_at) values (?, ?, ?, 'failed', 1, 3, 'invalid-model', ?, now())""",
        submission, version, PEAK_SF, "the model produced NaN activations at layer pixels");
    open("/?q=web-other&expand=V1-spatial_frequency");
    WebElement failed = cell("web-other", PEAK_SF);
    assertThat(failed.getText()).isEqualTo("failed");
    assertThat(failed.getAttribute("class")).contains("failed");
    assertThat(failed.getAttribute("title")).contains("invalid-model", "NaN activations");
    WebElement scored = cell("web-other", "V1-surround_modulation");
    assertThat(scored.getAttribute("class")).containsPattern("\\bc\\d+\\b");
    boolean predictivityInstalled = registry.find(io.striate.benchmark.ScoreTree.FREEMAN_ZIEMBA_PLS).orElseThrow().availability().available();
    WebElement pls = cell("web-other", io.striate.benchmark.ScoreTree.FREEMAN_ZIEMBA_PLS);
    if (!predictivityInstalled) {
      assertThat(pls.getText()).isEqualTo("n/i");
      assertThat(pls.getAttribute("class")).contains("ni");
      assertThat(pls.getAttribute("title")).contains("not installed", "To install");
    }
    String sfBandwidth = "Marques2020_Schiller1976-sf_bandwidth";
    assertThat(cell("web-other", sfBandwidth).getText()).isEqualTo(
        registry.find(sfBandwidth).orElseThrow().availability().available() ? "—" : "n/i");
    // the API's missing children say the same
    JsonNode row = api.get("/api/v1/leaderboard?node=V1-spatial_frequency&q=web-other", null).json()
        .get("rows").get(0);
    assertThat(row.get("missing").toString()).contains(PEAK_SF, "failed", "NaN activations");
    // colours: the column's min→max over every public model, not over this one-row page
    double v = Double.parseDouble(cell("web-other", "V1-surround_modulation").getText());
    Double lo = jdbc.queryForObject("select min(e.value) from leaderboard_entry e join model m on m.id = e.model_id "
        + "where m.visibility = 'public' and e.node_id = 'V1-surround_modulation'", Double.class);
    Double hi = jdbc.queryForObject("select max(e.value) from leaderboard_entry e join model m on m.id = e.model_id "
        + "where m.visibility = 'public' and e.node_id = 'V1-surround_modulation'", Double.class);
    assertThat(hi).isGreaterThan(lo);
    assertThat(cell("web-other", "V1-surround_modulation").getAttribute("class"))
        .contains(WebFormat.colour(v, lo, hi));
    screenshot("leaderboard-states");

    // the model page lists every benchmark's state the same way
    open("/models/" + otherModel);
    WebElement failedRow = driver.findElement(By.cssSelector("table.states tr[data-benchmark='" + PEAK_SF + "']"));
    assertThat(failedRow.getAttribute("data-state")).isEqualTo("failed");
    assertThat(failedRow.getText()).contains("invalid-model", "NaN activations");
    assertThat(driver.findElement(By.cssSelector("table.states tr[data-benchmark='" + SURROUND + "']"))
        .getAttribute("data-state")).isEqualTo("scored");
    if (!predictivityInstalled) {
      WebElement ni = driver.findElement(By.cssSelector("table.states tr[data-benchmark='"
          + io.striate.benchmark.ScoreTree.FREEMAN_ZIEMBA_PLS + "']"));
      assertThat(ni.getAttribute("data-state")).isEqualTo("not-installed");
      assertThat(ni.findElements(By.cssSelector("code"))).isNotEmpty();
    }
    assertCspReady();
    fullScreenshot("model-states");
  }

  @Test
  @Order(3)
  void modelPageShowsPlotsWithAxesLabelsAndWhyAHistogramIsEmpty() {
    open("/models/" + plotModel);
    assertThat(text("#model-name")).isEqualTo("web-plots");
    assertThat(driver.findElements(By.cssSelector("a[href='https://example.org/paper']"))).hasSize(1);
    assertThat(text("#bibtex")).contains("plots2024");
    // the preflight's batch calibration: the recommended size, then ms/image from batch 4 up
    assertThat(text(".batch-timings")).matches("(4|8|16|32) \\(ms/image by batch size: 4: [0-9.]+, 8: .*\\)");
    WebElement surround = figure(SURROUND);
    assertThat(surround.findElements(By.cssSelector("svg.plot line.axis")).size()).isGreaterThanOrEqualTo(2);
    assertThat(surround.findElement(By.cssSelector("text.x-title")).getText()).contains("surround suppression index");
    assertThat(surround.findElement(By.cssSelector("text.y-title")).getText()).isEqualTo("fraction of cells");
    assertThat(surround.findElements(By.cssSelector("rect.model")).size()).isGreaterThan(3);
    assertThat(surround.findElements(By.cssSelector("rect.data")).size()).isGreaterThan(3);
    assertThat(surround.findElement(By.cssSelector("svg.plot")).getAttribute("aria-label")).contains("primate");
    assertThat(surround.getText()).contains("KS similarity");
    WebElement sf = figure(PEAK_SF);
    assertThat(sf.findElement(By.cssSelector("text.x-title")).getText())
        .contains("cycles/deg", "log scale");
    WebElement gsf = figure(GSF);
    assertThat(gsf.findElement(By.cssSelector("p.sentence")).getText())
        .contains("fell outside the primate bins", "105");
    assertThat(driver.findElements(By.cssSelector(".sweep svg.plot circle.chosen"))).hasSize(1);
    assertThat(driver.findElement(By.cssSelector("table.scores")).getText()).contains("raw/ceiling", "0.710");
    assertThat(driver.findElement(By.id("activity")).getText()).contains("test-surround-probe", "succeeded");
    assertCspReady();
    fullScreenshot("model");
    driver.manage().window().setSize(new Dimension(390, 844));
    driver.navigate().refresh();
    screenshot("model-phone");
    driver.manage().window().setSize(new Dimension(1400, 1000));
  }

  @Test
  @Order(4)
  void comparePutsTwoModelsSideBySideWithDeltasAndOverlaidHistograms() {
    open("/compare?models=" + plotModel + "," + otherModel);
    WebElement table = driver.findElement(By.id("compare-table"));
    assertThat(table.findElements(By.cssSelector("thead th"))).hasSize(3);
    assertThat(table.getText().toLowerCase(java.util.Locale.ROOT)).contains("web-plots", "web-other", "-0.190");
    assertThat(driver.findElements(By.cssSelector(".beyond"))).isNotEmpty();
    WebElement overlay = driver.findElement(By.cssSelector("figure[data-benchmark='" + SURROUND + "']"));
    assertThat(overlay.findElements(By.cssSelector("rect.model"))).isNotEmpty();
    assertThat(overlay.findElements(By.cssSelector("rect.model-b"))).isNotEmpty();
    assertThat(overlay.findElements(By.cssSelector("rect.data"))).isNotEmpty();
    assertCspReady();
    fullScreenshot("compare");
    // from the leaderboard: tick two rows, compare them
    open("/?q=web-");
    driver.findElements(By.cssSelector("td.sel input")).stream().limit(2).forEach(WebElement::click);
    driver.findElement(By.id("compare-selected")).click();
    waitFor(d -> d.getCurrentUrl().contains("/compare?models="));
    assertThat(driver.findElements(By.cssSelector("#compare-table thead th"))).hasSize(3);
  }

  @Test
  @Order(5)
  void benchmarkPagesShowDataStateStimuliAndTheScoreDistribution() {
    open("/benchmarks");
    assertThat(driver.getPageSource()).contains(SURROUND, "FreemanZiemba2013.V1-pls");
    assertCspReady();
    fullScreenshot("benchmarks");
    open("/benchmarks/" + SURROUND);
    assertThat(text("#benchmark-id")).isEqualTo(SURROUND);
    assertThat(driver.getPageSource()).contains("Cavanaugh", "Marques2020_size");
    List<WebElement> images = driver.findElements(By.cssSelector(".stimuli img"));
    assertThat(images).hasSize(BenchmarkPages.SAMPLES);
    waitFor(d -> images.stream().allMatch(i -> (Boolean) ((JavascriptExecutor) d).executeScript(
        "return arguments[0].complete && arguments[0].naturalWidth === " + BenchmarkPages.SAMPLE_PX, i)));
    assertThat(driver.findElements(By.cssSelector("svg.plot rect.model"))).as("public models' score distribution")
        .isNotEmpty();
    assertCspReady();
    fullScreenshot("benchmark");
    open("/benchmarks/FreemanZiemba2013.V1-pls");
    assertThat(driver.findElement(By.id("data")).getText()).containsAnyOf("installed", "not installed");
    fullScreenshot("benchmark-predictivity");
  }

  @Test
  @Order(6)
  void submitShowsAPreflightProblemInlineThenFollowsAValidSubmissionToItsScore() {
    String token = userToken("web-submitter");
    open("/submit");
    assertCspReady();
    driver.findElement(By.id("token")).sendKeys(token);
    driver.findElement(By.id("name")).sendKeys("web-submitted");
    driver.findElement(By.cssSelector("input[name=kind][value=spec]")).click();
    Map<String, Object> bad = new LinkedHashMap<>(testSpec("web-submitted"));
    bad.put("layers", List.of(Map.of("type", "warp-drive", "name", "pixels")));
    type("spec", JsonMapper.builder().build().writeValueAsString(bad));
    new Select(driver.findElement(By.id("benchmarks"))).selectByValue("test-quick");
    driver.findElement(By.id("submit")).click();
    WebElement problem = new WebDriverWait(driver, WAIT).until(d -> {
      WebElement p = d.findElement(By.id("problem"));
      return p.isDisplayed() ? p : null;
    });
    assertThat(problem.getText()).contains("field").doesNotContain("Exception", "at io.striate");
    assertThat(driver.findElement(By.id("spec")).getAttribute("class")).contains("invalid");
    fullScreenshot("submit-problem");

    type("spec", JsonMapper.builder().build().writeValueAsString(testSpec("web-submitted")));
    driver.findElement(By.id("submit")).click();
    waitFor(d -> d.getCurrentUrl().contains("/submissions/"));
    new WebDriverWait(driver, WAIT).until(d -> d.findElements(By.cssSelector("#scores td.score")).size() == 1);
    assertThat(text("#state")).isEqualTo("succeeded");
    assertThat(text("#scores td.score")).isEqualTo("0.500");
    assertCspReady();
    fullScreenshot("submission");
    driver.findElement(By.id("model-link")).click();
    waitFor(d -> d.getCurrentUrl().contains("/models/"));
    assertThat(text("#model-name")).isEqualTo("web-submitted");
  }

  @Test
  @Order(7)
  void aHostileNameDescriptionOrLinkRunsNoScript() {
    open("/models/" + hostileModel);
    assertNoAlert();
    assertThat(((JavascriptExecutor) driver).executeScript("return window.__xss === undefined")).isEqualTo(true);
    assertThat(text("#description")).isEqualTo(HOSTILE);
    assertThat(driver.findElements(By.cssSelector("a[href^='javascript' i], a[href*='javascript:' i]"))).isEmpty();
    assertThat(driver.getPageSource()).doesNotContain("<script>window.__xss");
    fullScreenshot("model-hostile");
    open("/?q=web-hostile");
    assertNoAlert();
    assertThat(((JavascriptExecutor) driver).executeScript("return window.__xss === undefined")).isEqualTo(true);
    open("/compare?models=" + hostileModel + "," + plotModel);
    assertNoAlert();
    assertThat(((JavascriptExecutor) driver).executeScript("return window.__xss === undefined")).isEqualTo(true);
    // old URLs of the static pages still land on the right pages
    open("/index.html");
    assertThat(driver.getCurrentUrl()).isEqualTo(base + "/");
    open("/model.html?id=" + plotModel);
    assertThat(driver.getCurrentUrl()).isEqualTo(base + "/models/" + plotModel);
    open("/models/999999999");
    assertThat(driver.getPageSource()).contains("Model not found").doesNotContain("Exception");
  }

  private void open(String path) {
    driver.get(base + path);
  }

  private String text(String css) {
    return driver.findElement(By.cssSelector(css)).getText().trim();
  }

  private List<WebElement> rows() {
    return driver.findElements(By.cssSelector("#board tbody tr[data-model]"));
  }

  private List<String> names() {
    return driver.findElements(By.cssSelector("#board tbody td.name a")).stream().map(WebElement::getText).toList();
  }

  private WebElement header(String node) {
    return driver.findElement(By.cssSelector("#board th[data-node='" + node + "']"));
  }

  private List<Double> column(String node) {
    List<WebElement> headers = driver.findElements(By.cssSelector("#board thead th"));
    int index = -1;
    for (int i = 0; i < headers.size(); i++) {
      if (node.equals(headers.get(i).getAttribute("data-node"))) {
        index = i;
      }
    }
    int column = index + 1;
    return driver.findElements(By.cssSelector("#board tbody tr[data-model] td:nth-child(" + column + ")")).stream()
        .map(WebElement::getText).map(Double::parseDouble).toList();
  }

  /** The cell of {@code node} in the row of the model named {@code name}. */
  private WebElement cell(String name, String node) {
    List<WebElement> headers = driver.findElements(By.cssSelector("#board thead th"));
    int index = -1;
    for (int i = 0; i < headers.size(); i++) {
      if (node.equals(headers.get(i).getAttribute("data-node"))) {
        index = i;
      }
    }
    assertThat(index).as("column " + node).isNotNegative();
    for (WebElement row : rows()) {
      if (row.findElement(By.cssSelector("td.name a")).getText().equals(name)) {
        return row.findElement(By.cssSelector("td:nth-child(" + (index + 1) + ")"));
      }
    }
    throw new AssertionError("no row " + name);
  }

  /** Sets a date input (the browser's date widget takes keys in the locale's order; the value is ISO). */
  private void date(String name, java.time.LocalDate day) {
    ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1]",
        driver.findElement(By.name(name)), day.toString());
  }

  private WebElement figure(String benchmark) {
    return driver.findElement(By.cssSelector("figure.property[data-benchmark='" + benchmark + "']"));
  }

  private void type(String id, String text) {
    WebElement e = driver.findElement(By.id(id));
    e.clear();
    ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1]", e, text);
  }

  private void waitFor(java.util.function.Function<WebDriver, Boolean> condition) {
    new WebDriverWait(driver, WAIT).until(condition::apply);
  }

  private void assertNoAlert() {
    try {
      driver.switchTo().alert();
      throw new AssertionError("an alert opened: a script ran");
    } catch (NoAlertPresentException expected) {
      // no script ran
    }
  }

  private void assertCspReady() {
    PageChecks.assertCspReady(driver);
  }

  private void screenshot(String name) {
    PageChecks.screenshot(driver, name);
  }

  private void fullScreenshot(String name) {
    PageChecks.fullScreenshot(driver, name, 0);
  }

}
