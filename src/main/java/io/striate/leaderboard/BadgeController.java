package io.striate.leaderboard;

import io.striate.benchmark.ScoreTree;
import io.striate.model.catalog.RegisteredModelRepository;
import io.striate.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Locale;
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
  private final RegisteredModelRepository models;

  BadgeController(LeaderboardEntryRepository entries, RegisteredModelRepository models) {
    this.entries = entries;
    this.models = models;
  }

  @Operation(summary = "An SVG badge with a public model's score",
      description = "For READMEs and CI pages: `![V1](https://striate.example/api/v1/models/7/badge.svg)`. "
          + "`node` picks the score-tree node (default V1); an unscored node reads 'not scored'.")
  @GetMapping(value = "/api/v1/models/{id}/badge.svg", produces = "image/svg+xml")
  ResponseEntity<String> badge(@PathVariable long id, @RequestParam(defaultValue = ScoreTree.V1) String node) {
    models.findById(id).filter(m -> m.isPublic()).orElseThrow(() -> ProblemException.notFound("model", id));
    Double value = entries.findByModelIdOrderByNodeIdAsc(id).stream().filter(e -> e.getNodeId().equals(node))
        .findFirst().map(LeaderboardEntry::getValue).orElse(null);
    String label = "striate " + node;
    String text = value == null ? "not scored" : String.format(Locale.ROOT, "%.3f", value);
    return ResponseEntity.ok().contentType(MediaType.valueOf("image/svg+xml"))
        .cacheControl(CacheControl.noCache()).body(svg(label, text, value == null ? "#9f9f9f" : "#7a3ea8"));
  }

  /** A flat two-part badge in the shields.io layout. */
  static String svg(String label, String text, String colour) {
    int left = 10 + CHAR_WIDTH * label.length();
    int right = 10 + CHAR_WIDTH * text.length();
    return """
        <svg xmlns="http://www.w3.org/2000/svg" width="%d" height="20" role="img" aria-label="%s: %s">\
        <rect width="%d" height="20" fill="#555"/><rect x="%d" width="%d" height="20" fill="%s"/>\
        <g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">\
        <text x="5" y="14">%s</text><text x="%d" y="14">%s</text></g></svg>"""
        .formatted(left + right, escape(label), escape(text), left, left, right, colour, escape(label), left + 5,
            escape(text));
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
