package io.striate.dataset;

import java.util.List;
import java.util.Map;

/**
 * The catalogue entry of an imported recording set, stored as {@code dataset.json} next to its files.
 *
 * @param id            dataset id, e.g. {@code movshon.FreemanZiemba2013.public}
 * @param format        {@code brainio} or {@code open}
 * @param region        region kept (e.g. V1)
 * @param windowStartMs start of the averaged time window (BrainIO), 0 for the open format
 * @param windowEndMs   end of the averaged time window
 * @param visualDegrees degrees of visual angle the images span
 * @param stimuli       number of stimuli
 * @param neuroids      number of neuroids kept
 * @param presentations number of presentations
 * @param sha256        sha-256 of every stored file, by file name
 * @param stimulusColumns metadata columns available per stimulus
 */
public record DatasetManifest(String id, String format, String region, double windowStartMs, double windowEndMs,
                              double visualDegrees, int stimuli, int neuroids, int presentations,
                              Map<String, String> sha256, List<String> stimulusColumns) {
}
