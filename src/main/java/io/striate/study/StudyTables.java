package io.striate.study;

import io.striate.benchmark.Benchmark;
import io.striate.benchmark.BenchmarkRegistry;
import io.striate.compare.ScoreComparison;
import io.striate.model.catalog.ModelVersion;
import io.striate.model.catalog.ModelVersionRepository;
import io.striate.results.Score;
import io.striate.results.ScoreRepository;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;

/**
 * Reads studies for the API and the web pages: a study's {@link StudyTable} (each variant's current scores against
 * the baseline's) and the list of studies, optionally only those with a variant among a model's versions.
 */
@Service
public class StudyTables {
  /** Most studies listed at once (newest first). */
  public static final int MAX_LISTED = 200;
  private final StudyRepository studies;
  private final StudyVariantRepository variants;
  private final ModelVersionRepository versions;
  private final ScoreRepository scores;
  private final BenchmarkRegistry benchmarks;

  StudyTables(StudyRepository studies, StudyVariantRepository variants, ModelVersionRepository versions,
              ScoreRepository scores, BenchmarkRegistry benchmarks) {
    this.studies = studies;
    this.variants = variants;
    this.versions = versions;
    this.scores = scores;
    this.benchmarks = benchmarks;
  }

  /** One line of the list of studies. */
  public record Summary(long id, String name, String owner, Instant createdAt, long baselineVersionId, int variants) {
  }

  /** The study's table, or empty when there is no study {@code id}. */
  public Optional<StudyTable> table(long id) {
    return studies.findById(id).map(this::table);
  }

  StudyTable table(Study study) {
    List<StudyVariant> rows = variants.findByStudyIdOrderByPositionAsc(study.getId());
    Map<Long, Map<String, ScoreComparison.Leaf>> leaves = new LinkedHashMap<>();
    for (StudyVariant v : rows) {
      leaves.put(v.getVersionId(), leaves(v.getVersionId()));
    }
    return StudyTable.of(study, benchmarks.tree(), rows, leaves);
  }

  /** Studies newest first; with {@code modelId}, only those with a variant that is a version of that model. */
  public List<Summary> list(Long modelId) {
    List<Study> all = studies.findAll(Sort.by(Sort.Direction.DESC, "id"));
    java.util.Set<Long> ofModel = modelId == null ? null : new java.util.HashSet<>(
        versions.findByModelIdOrderByIdAsc(modelId).stream().map(ModelVersion::getId).toList());
    return all.stream().map(s -> {
      List<StudyVariant> rows = variants.findByStudyIdOrderByPositionAsc(s.getId());
      boolean shown = ofModel == null || rows.stream().anyMatch(v -> ofModel.contains(v.getVersionId()));
      return shown ? new Summary(s.getId(), s.getName(), s.getOwner(), s.getCreatedAt(), s.getBaselineVersionId(),
          rows.size()) : null;
    }).filter(java.util.Objects::nonNull).limit(MAX_LISTED).toList();
  }

  /** The version's current scores (benchmark version as registered now) by benchmark id. */
  private Map<String, ScoreComparison.Leaf> leaves(long versionId) {
    Map<String, ScoreComparison.Leaf> out = new LinkedHashMap<>();
    for (Score s : scores.findByModelVersionIdOrderByBenchmarkIdAsc(versionId)) {
      Optional<Benchmark> b = benchmarks.find(s.getBenchmarkId());
      if (s.getCeiled() != null && b.isPresent() && b.get().info().version() == s.getBenchmarkVersion()) {
        out.put(s.getBenchmarkId(), new ScoreComparison.Leaf(s.getCeiled(), s.getError()));
      }
    }
    return out;
  }
}
