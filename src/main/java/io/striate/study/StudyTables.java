package io.striate.study;

import io.striate.benchmark.Benchmark;
import io.striate.benchmark.BenchmarkRegistry;
import io.striate.compare.ScoreComparison;
import io.striate.model.catalog.ModelAccess;
import io.striate.model.catalog.ModelVersion;
import io.striate.model.catalog.RegisteredModel;
import io.striate.results.Score;
import io.striate.results.VersionResults;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;

/**
 * Reads studies for the API and the web pages: a study's {@link StudyTable} (each variant's current scores against
 * the baseline's) and the list of studies, optionally only those with a variant among a model's versions. It reads
 * its own tables; models' versions and scores come through the owning features' read surfaces ({@link ModelAccess},
 * {@link VersionResults}).
 */
@Service
public class StudyTables {
  /** Most studies listed at once (newest first). */
  public static final int MAX_LISTED = 200;
  private final StudyRepository studies;
  private final StudyVariantRepository variants;
  private final ModelAccess models;
  private final VersionResults results;
  private final BenchmarkRegistry benchmarks;

  StudyTables(StudyRepository studies, StudyVariantRepository variants, ModelAccess models, VersionResults results,
              BenchmarkRegistry benchmarks) {
    this.studies = studies;
    this.variants = variants;
    this.models = models;
    this.results = results;
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

  /** Every study, newest first. */
  public List<Summary> list() {
    return listed(null);
  }

  /**
   * The studies with a variant that is a version of {@code model} (one obtained from {@link ModelAccess}, so visible
   * to the caller), newest first.
   */
  public List<Summary> list(RegisteredModel model) {
    return listed(new java.util.HashSet<>(models.versions(model).stream().map(ModelVersion::getId).toList()));
  }

  /** Studies newest first; with {@code ofModel} non-null, only those with a variant among those versions. */
  private List<Summary> listed(java.util.Set<Long> ofModel) {
    List<Study> all = studies.findAll(Sort.by(Sort.Direction.DESC, "id"));
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
    for (Score s : results.scores(versionId)) {
      Optional<Benchmark> b = benchmarks.find(s.getBenchmarkId());
      if (s.getCeiled() != null && b.isPresent() && b.get().info().version() == s.getBenchmarkVersion()) {
        out.put(s.getBenchmarkId(), new ScoreComparison.Leaf(s.getCeiled(), s.getError()));
      }
    }
    return out;
  }
}
