package io.striate.web;

import io.striate.benchmark.BenchmarkRegistry;
import io.striate.model.catalog.ModelAccess;
import io.striate.model.catalog.RegisteredModel;
import io.striate.model.spec.ReferenceSpecs;
import io.striate.results.Score;
import io.striate.results.ScoreRepository;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The submit page {@code /submit} (a form; {@code /js/submit.js} calls the public API with the token kept in
 * sessionStorage and shows preflight problems inline) and the page that follows a submission live to its scores,
 * {@code /submissions/{id}}.
 */
@Controller
class SubmitPage {
  private final BenchmarkRegistry benchmarks;
  private final JobActivity activity;
  private final ModelAccess access;
  private final ScoreRepository scores;

  SubmitPage(BenchmarkRegistry benchmarks, JobActivity activity, ModelAccess access, ScoreRepository scores) {
    this.benchmarks = benchmarks;
    this.activity = activity;
    this.access = access;
    this.scores = scores;
  }

  /** A choice of what to score: the suite, a tree node or a single benchmark. */
  record Target(String id, String label, boolean available) {
  }

  @GetMapping("/submit")
  String submit(Model model) {
    List<Target> targets = new ArrayList<>();
    targets.add(new Target(BenchmarkRegistry.SUITE_V1, "v1 — the whole V1 suite", true));
    benchmarks.tree().internalNodes().forEach(n -> targets.add(new Target(n, n + " (node)", true)));
    benchmarks.all().forEach(b -> targets.add(new Target(b.info().id(), b.info().id(),
        b.availability().available())));
    model.addAttribute("references", ReferenceSpecs.NAMES);
    model.addAttribute("targets", targets);
    return "submit";
  }

  @GetMapping("/submissions/{id}")
  String submission(@PathVariable String id, Model model, HttpServletResponse response) {
    return fill(id, model, response, false) ? "submission" : "notfound";
  }

  @GetMapping("/submissions/{id}/progress")
  String progress(@PathVariable String id, @RequestParam(defaultValue = "false") boolean wasActive, Model model,
                  HttpServletResponse response) {
    return fill(id, model, response, wasActive) ? "submission :: progress" : "notfound";
  }

  private boolean fill(String id, Model model, HttpServletResponse response, boolean wasActive) {
    List<JobActivity.SubmissionRow> rows = id.matches("\\d{1,18}") ? activity.ofSubmission(Long.parseLong(id))
        : List.of();
    // pages carry no token: an anonymous visitor sees submissions of public models only
    Optional<RegisteredModel> owner = rows.isEmpty() ? Optional.empty()
        : access.version(rows.get(0).modelVersionId(), Optional.empty())
            .flatMap(v -> access.model(v.getModelId(), Optional.empty()));
    if (owner.isEmpty()) {
      NotFound.page(response, model, "Submission not found", "There is no submission " + id
          + " of a public model.");
      return false;
    }
    JobActivity.SubmissionRow s = rows.get(0);
    boolean active = JobActivity.anyActive(rows);
    if (wasActive && !active) {
      response.setHeader("HX-Refresh", "true");
    }
    Set<String> asked = s.jobs().stream().map(JobActivity.JobRow::benchmarkId).collect(Collectors.toSet());
    List<Score> done = scores.findByModelVersionIdOrderByBenchmarkIdAsc(s.modelVersionId()).stream()
        .filter(x -> asked.contains(x.getBenchmarkId())).toList();
    model.addAttribute("s", s);
    model.addAttribute("m", owner.get());
    model.addAttribute("active", active);
    model.addAttribute("scores", done);
    return true;
  }
}
