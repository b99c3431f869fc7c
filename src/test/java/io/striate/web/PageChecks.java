package io.striate.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/** What every browser test checks on a page and how it saves screenshots (under {@code target/screenshots/}). */
final class PageChecks {
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern INLINE_HANDLER = Pattern.compile("<[a-z][^>]*\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
  private static final Pattern INLINE_STYLE = Pattern.compile("<[a-z][^>]*\\sstyle\\s*=", Pattern.CASE_INSENSITIVE);

  private PageChecks() {
  }

  /** No inline script, event handler or style attribute: the page works under the CSP without 'unsafe-inline'. */
  static void assertCspReady(WebDriver driver) {
    String html = driver.getPageSource();
    assertThat(INLINE_SCRIPT.matcher(html).find()).as("inline <script> in " + driver.getCurrentUrl()).isFalse();
    assertThat(INLINE_HANDLER.matcher(html).find()).as("inline event handler in " + driver.getCurrentUrl()).isFalse();
    assertThat(INLINE_STYLE.matcher(html).find()).as("inline style attribute in " + driver.getCurrentUrl()).isFalse();
  }

  /** The visible window as {@code target/screenshots/<name>.png}. */
  static void screenshot(WebDriver driver, String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The whole page: the window grows to the document's height (and at least {@code minWidth}) for the shot. */
  static void fullScreenshot(WebDriver driver, String name, int minWidth) {
    Dimension before = driver.manage().window().getSize();
    Long height = (Long) ((JavascriptExecutor) driver).executeScript(
        "return Math.min(6000, document.documentElement.scrollHeight)");
    driver.manage().window().setSize(new Dimension(Math.max(before.getWidth(), minWidth), height.intValue() + 120));
    screenshot(driver, name);
    driver.manage().window().setSize(before);
  }
}
