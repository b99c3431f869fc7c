package io.striate.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.striate.benchmark.BenchmarkRegistry;
import io.striate.results.Score;
import io.striate.results.ScoreRepository;
import io.striate.support.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The study pages in a real browser (Debian's chromium headless, the shared Spring context of
 * {@link IntegrationTest}): a study of three variants against a baseline with property scores whose deltas are
 * beyond or within the combined error, its CSV link, the list and the model page's link to it, a hostile study name.
 * Screenshots go to {@code target/screenshots/study*.png}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StudyPageBrowserTest extends IntegrationTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final String SURROUND = "Marques2020_Cavanaugh2002-surround_suppression_index";
  private static final String PEAK_SF = "Marques2020_DeValois1982-peak_sf";
  private static final String PREF_OR = "Marques2020_DeValois1982-pref_or";
  private static final String HOSTILE = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>";

  @Autowired
  BenchmarkRegistry registry;
  @Autowired
  ScoreRepository scores;
  @Autowired
  TransactionTemplate transactions;

  private WebDriver driver;
  private String base;
  private String token;
  private long model;
  private long study;
  private long[] versions;

  @BeforeAll
  void browserAndStudy() throws Exception {
    assumeThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
        .as("chromium and chromium-driver are not installed; the browser tests are skipped").isTrue();
    Files.createDirectories(SCREENSHOTS);
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless",
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--window-size=1400,1000", "--disable-dev-shm-usage");
    driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build(), options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    base = "http://localhost:" + port;
    api = new io.striate.support.Api(port);
    token = userToken("study-web");
    model = createModel(token, "study-web-composites");
    versions = new long[4];
    for (int i = 0; i < 4; i++) {
      versions[i] = testVersion(token, model, "study-web-" + i);
    }
    // baseline 0.60 ± 0.02 on each property; close: within the combined error; worse/better: beyond it
    double[][] values = {{0.60, 0.50, 0.40}, {0.61, 0.51, 0.41}, {0.30, 0.50, 0.20}, {0.90, 0.55, 0.70}};
    transactions.executeWithoutResult(t -> {
      for (int i = 0; i < 4; i++) {
        save(versions[i], SURROUND, values[i][0]);
        save(versions[i], PEAK_SF, values[i][1]);
        save(versions[i], PREF_OR, values[i][2]);
      }
    });
    var created = api.post("/api/v1/studies", token, Map.of("name", "web study (seeded, untrained)",
        "baseline", versions[0], "baselineLabel", "composite-a", "variants", List.of(
            Map.of("label", "close", "versionId", versions[1]), Map.of("label", "worse", "versionId", versions[2]),
            Map.of("label", "better", "versionId", versions[3]))));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    study = created.json().get("id").asLong();
  }

  private void save(long version, String benchmark, double ceiled) {
    int v = registry.find(benchmark).orElseThrow().info().version();
    scores.save(new Score(null, version, benchmark, v, ceiled * 0.8, 0.8, ceiled, 0.02, "pixels", "raw/ceiling",
        "{}"));
  }

  @AfterAll
  void quit() {
    if (driver != null) {
      driver.quit();
    }
  }

  @Test
  void aStudyShowsVariantsAsRowsWithErrorsAndDeltasFlaggedBeyondTheCombinedError() {
    open("/studies/" + study);
    assertThat(text("#study-name")).isEqualTo("web study (seeded, untrained)");
    WebElement table = driver.findElement(By.id("study-table"));
    List<String> columns = table.findElements(By.cssSelector("thead th[data-node]")).stream()
        .map(e -> e.getAttribute("data-node")).toList();
    assertThat(columns).startsWith("V1").contains("Marques2020", "V1-surround_modulation", SURROUND, PEAK_SF,
        PREF_OR);
    List<WebElement> rows = table.findElements(By.cssSelector("tbody tr"));
    assertThat(rows).hasSize(4);
    assertThat(rows.get(0).getAttribute("class")).contains("baseline");
    assertThat(rows.get(0).getText()).contains("composite-a", "(baseline)", "3 benchmark(s) scored");
    assertThat(rows.get(0).findElements(By.cssSelector(".delta"))).as("no delta on the baseline row").isEmpty();
    int surround = columns.indexOf(SURROUND) + 1;
    assertThat(cell(rows.get(1), surround).getText()).contains("0.610", "± 0.020", "+0.010");
    assertThat(cell(rows.get(1), surround).findElements(By.cssSelector(".beyond"))).as("0.01 < √2·0.02").isEmpty();
    // a node's error is over the children in its mean: the surround family has one scored child (± 0.020), V1 three
    int family = columns.indexOf("V1-surround_modulation") + 1;
    assertThat(cell(rows.get(0), family).getText()).contains("0.600", "± 0.020");
    assertThat(cell(rows.get(1), family).findElements(By.cssSelector(".beyond"))).isEmpty();
    assertThat(cell(rows.get(1), 1).getText()).contains("+0.010");
    assertThat(cell(rows.get(1), 1).findElements(By.cssSelector(".beyond"))).as("V1 of close: within").isEmpty();
    WebElement worse = cell(rows.get(2), surround);
    assertThat(worse.getText()).contains("0.300", "-0.300");
    assertThat(worse.findElement(By.cssSelector(".delta")).getAttribute("class")).contains("delta-neg", "beyond");
    assertThat(worse.getAttribute("title")).contains("beyond it");
    WebElement better = cell(rows.get(3), surround);
    assertThat(better.findElement(By.cssSelector(".delta")).getAttribute("class")).contains("delta-pos", "beyond");
    assertThat(rows.get(3).findElement(By.cssSelector("a")).getAttribute("href")).endsWith("/models/" + model);
    assertCspReady();
    fullScreenshot("study");

    // the CSV link is the same table
    String href = driver.findElement(By.id("csv")).getAttribute("href");
    var csv = api.get(href.substring(base.length()), null);
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    String[] lines = csv.body().split("\n");
    assertThat(lines).hasSize(5);
    assertThat(lines[0]).startsWith("label,version_id,V1,").contains(SURROUND + "_delta", SURROUND + "_beyond_error");
    assertThat(lines[3]).startsWith("worse," + versions[2]);

    // phone width: the table scrolls in its box
    driver.manage().window().setSize(new Dimension(390, 844));
    open("/studies/" + study);
    Long scrollWidth = (Long) ((JavascriptExecutor) driver).executeScript(
        "return document.documentElement.scrollWidth");
    assertThat(scrollWidth).isLessThanOrEqualTo(400);
    screenshot("study-phone");
    driver.manage().window().setSize(new Dimension(1400, 1000));
  }

  @Test
  void theModelPageLinksToItsStudiesAndTheListLinksToTheStudy() {
    open("/models/" + model);
    driver.findElement(By.id("studies-link")).click();
    new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(30))
        .until(d -> d.getCurrentUrl().contains("/studies?model=" + model));
    assertThat(text("#filter")).contains("study-web-composites");
    List<WebElement> listed = driver.findElements(By.cssSelector("#studies tbody tr"));
    assertThat(listed).extracting(e -> e.getAttribute("data-study")).contains(String.valueOf(study));
    assertCspReady();
    screenshot("studies");
    driver.findElement(By.cssSelector("#studies tr[data-study='" + study + "'] a")).click();
    new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(30))
        .until(d -> d.getCurrentUrl().endsWith("/studies/" + study));
    open("/studies?model=999999999");
    assertThat(driver.findElements(By.cssSelector("#studies tbody tr"))).isEmpty();
    open("/studies/999999999");
    assertThat(driver.getPageSource()).contains("Study not found").doesNotContain("Exception");
    open("/studies/abc");
    assertThat(driver.getPageSource()).contains("Study not found");
  }

  @Test
  void aHostileStudyNameOrLabelRunsNoScript() {
    var created = api.post("/api/v1/studies", token, Map.of("name", HOSTILE, "baseline", versions[0],
        "baselineLabel", HOSTILE, "variants", List.of(Map.of("label", "x\"><script>window.__xss=5</script>",
            "versionId", versions[1]))));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    open("/studies/" + created.json().get("id").asLong());
    assertThat(((JavascriptExecutor) driver).executeScript("return window.__xss === undefined")).isEqualTo(true);
    assertThat(text("#study-name")).isEqualTo(HOSTILE);
    open("/studies");
    assertThat(((JavascriptExecutor) driver).executeScript("return window.__xss === undefined")).isEqualTo(true);
  }

  private WebElement cell(WebElement row, int column) {
    return row.findElement(By.cssSelector("td:nth-child(" + (column + 1) + ")"));
  }

  private void open(String path) {
    driver.get(base + path);
  }

  private String text(String css) {
    return driver.findElement(By.cssSelector(css)).getText().trim();
  }

  private void assertCspReady() {
    PageChecks.assertCspReady(driver);
  }

  private void screenshot(String name) {
    PageChecks.screenshot(driver, name);
  }

  private void fullScreenshot(String name) {
    PageChecks.fullScreenshot(driver, name, 1800);
  }

}
