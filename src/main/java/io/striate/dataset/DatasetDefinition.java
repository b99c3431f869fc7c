package io.striate.dataset;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a shipped benchmark expects of the recordings it reads under a dataset id, and so the import defaults and
 * checks for that id: Brain-Score's FreemanZiemba2013 (spec §6.2–6.3) keeps the V1 neuroids, averages the 1-ms bins
 * of 50–200 ms, shows the images over 4°, and has 20 repetitions of 135 (public) or 315 (private) images.
 *
 * @param id            dataset id
 * @param benchmarks    the benchmarks that read it
 * @param region        region kept
 * @param windowStartMs start of the averaged window
 * @param windowEndMs   end of the averaged window
 * @param visualDegrees degrees the images span
 * @param stimuli       images
 * @param presentations presentations (stimuli × repetitions)
 * @param repetitions   repetitions per image
 */
public record DatasetDefinition(String id, List<String> benchmarks, String region, double windowStartMs,
                                double windowEndMs, double visualDegrees, int stimuli, int presentations,
                                int repetitions) {
  /** The import defaults of ids no benchmark reads: region V1 and FreemanZiemba2013's 50–200 ms window. */
  public static final String DEFAULT_REGION = "V1";
  public static final double DEFAULT_WINDOW_START_MS = 50;
  public static final double DEFAULT_WINDOW_END_MS = 200;

  public static final DatasetDefinition FREEMAN_ZIEMBA_2013_PUBLIC = new DatasetDefinition(
      "movshon.FreemanZiemba2013.public", List.of("FreemanZiemba2013public.V1-pls"), "V1", 50, 200, 4, 135, 2700, 20);
  public static final DatasetDefinition FREEMAN_ZIEMBA_2013_PRIVATE = new DatasetDefinition(
      "movshon.FreemanZiemba2013.private", List.of("FreemanZiemba2013.V1-pls", "FreemanZiemba2013.V1-ridge"), "V1",
      50, 200, 4, 315, 6300, 20);

  private static final Map<String, DatasetDefinition> KNOWN = List.of(FREEMAN_ZIEMBA_2013_PUBLIC,
      FREEMAN_ZIEMBA_2013_PRIVATE).stream().collect(Collectors.toUnmodifiableMap(DatasetDefinition::id,
      Function.identity()));

  public DatasetDefinition {
    benchmarks = List.copyOf(benchmarks);
  }

  /** The definition of {@code id}, if a shipped benchmark reads it. */
  public static Optional<DatasetDefinition> of(String id) {
    return Optional.ofNullable(id == null ? null : KNOWN.get(id));
  }

  /** Every known definition. */
  public static List<DatasetDefinition> known() {
    return List.of(FREEMAN_ZIEMBA_2013_PUBLIC, FREEMAN_ZIEMBA_2013_PRIVATE);
  }
}
