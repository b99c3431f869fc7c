package io.striate.benchmark;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "benchmarks", description = "Benchmarks and the score tree")
@RestController
@RequestMapping("/api/v1/benchmarks")
class BenchmarkController {
  private final BenchmarkRegistry registry;

  BenchmarkController(BenchmarkRegistry registry) {
    this.registry = registry;
  }

  record BenchmarkView(String id, int version, String parent, String title, String paper, Double ceiling,
                       String provenance, boolean available, String unavailableReason, String howToEnable) {
  }

  record NodeView(String id, String parent, List<String> children) {
  }

  record Catalogue(List<BenchmarkView> benchmarks, List<NodeView> scoreTree) {
  }

  @Operation(summary = "Every benchmark and the score tree",
      description = "Each benchmark with its Brain-Score id, version, parent node, paper, ceiling, data provenance "
          + "and whether it can run here (and if not, why and how to import its data). `scoreTree` lists the "
          + "aggregate nodes: a parent is the mean of its children.")
  @GetMapping
  Catalogue list() {
    List<BenchmarkView> benchmarks = registry.all().stream().map(b -> {
      BenchmarkInfo i = b.info();
      Availability a = b.availability();
      return new BenchmarkView(i.id(), i.version(), i.parent(), i.title(), i.paper(), i.ceiling(), i.provenance(),
          a.available(), a.reason(), a.howTo());
    }).toList();
    ScoreTree tree = registry.tree();
    List<NodeView> nodes = tree.internalNodes().stream()
        .map(n -> new NodeView(n, tree.parentOf(n), tree.childrenOf(n))).toList();
    return new Catalogue(benchmarks, nodes);
  }
}
