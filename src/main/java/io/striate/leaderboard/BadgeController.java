package io.striate.leaderboard;

import io.striate.benchmark.ScoreTree;
import io.striate.model.catalog.ModelAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "leaderboard")
@RestController
class BadgeController {
  private static final int CHAR_WIDTH = 7;
  private final LeaderboardEntryRepository entries;
  private final ModelAccess access;
  private final LeaderboardUpdater updater;

  BadgeController(LeaderboardEntryRepository entries, ModelAccess access, LeaderboardUpdater updater) {
    this.updater = updater;
    this.entries = entries;
    this.access = access;
  }

  @Operation(summary = "An SVG badge with a public model's score",
      description = "For READMEs and CI pages: `![V1](https://striate.example/api/v1/models/7/badge.svg)`. "
          + "`node` picks the score-tree node (default V1); an unscored node reads 'not scored'. The value carries "
          + "its coverage on this instance, e.g. '0.734 (7 of 23 installed)', and the SVG's title states it in "
          + "full with the tree definition.")
  @GetMapping(value = "/api/v1/models/{id}/badge.svg", produces = "image/svg+xml")
  ResponseEntity<String> badge(@PathVariable long id, @RequestParam(defaultValue = ScoreTree.V1) String node) {
    access.requireModel(id, Optional.empty());
    updater.ensureCurrent();
    LeaderboardEntry entry = entries.findByModelIdOrderByNodeIdAsc(id).stream()
        .filter(e -> e.getNodeId().equals(node)).findFirst().orElse(null);
    Double value = entry == null ? null : entry.getValue();
    String label = "striate " + node;
    String text = value == null ? "not scored" : String.format(Locale.ROOT, "%.3f", value);
    String title = label + ": " + text;
    if (entry != null && entry.getCoverage() != null) {
      text += " (" + entry.getInstalledLeaves() + " of " + entry.getTotalLeaves() + " installed)";
      title = label + ": " + text + ". " + entry.getCoverage() + ". " + ScoreTree.DEFINITION;
    }
    return ResponseEntity.ok().contentType(MediaType.valueOf("image/svg+xml"))
        .cacheControl(CacheControl.noCache()).body(svg(label, text, value == null ? "#9f9f9f" : "#7a3ea8", title));
  }

  /** A flat two-part badge in the shields.io layout; {@code title} is its tooltip and accessible name. */
  static String svg(String label, String text, String colour, String title) {
    int left = 10 + CHAR_WIDTH * label.length();
    int right = 10 + CHAR_WIDTH * text.length();
    return """
        <svg xmlns="http://www.w3.org/2000/svg" width="%d" height="20" role="img" aria-label="%s">\
        <title>%s</title><rect width="%d" height="20" fill="#555"/><rect x="%d" width="%d" height="20" fill="%s"/>\
        <g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">\
        <text x="5" y="14">%s</text><text x="%d" y="14">%s</text></g></svg>"""
        .formatted(left + right, escape(title), escape(title), left, left, right, colour, escape(label), left + 5,
            escape(text));
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
