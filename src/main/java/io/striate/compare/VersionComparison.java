package io.striate.compare;

import java.util.List;
import java.util.Map;

/**
 * Two versions side by side: for each benchmark scored on both (same id and benchmark version) and for each node of
 * the score tree aggregated over those common benchmarks only, {@code delta = value − againstValue}, the combined
 * error {@code √(error² + againstError²)} (an unknown error counts as 0) and whether {@code |delta|} exceeds it.
 *
 * @param verdict     {@code worse} when any node or benchmark dropped beyond its error, else {@code better} when any
 *                    rose beyond it, else {@code same}
 * @param worse       ids that dropped beyond their error
 * @param better      ids that rose beyond their error
 * @param notCompared benchmarks scored on one side only, and why
 */
public record VersionComparison(Side version, Side against, String verdict, List<String> worse, List<String> better,
                                List<Row> nodes, List<Row> benchmarks, Map<String, String> notCompared) {

  /** @param resolvedFrom the {@code against} text that named this side (null for the compared version) */
  public record Side(long versionId, long modelId, String model, String owner, String resolvedFrom) {
  }

  /**
   * @param id            benchmark id or score-tree node
   * @param value         the compared version's ceiled score (or node value)
   * @param againstValue  the other version's
   * @param errorKnown    false when either side had no error estimate (then it counted as 0)
   * @param direction     better, worse or same ("same" also when within the error)
   */
  public record Row(String id, Double value, Double againstValue, Double delta, Double error, Double againstError,
                    Double combinedError, boolean errorKnown, boolean beyondError, String direction) {
  }
}
