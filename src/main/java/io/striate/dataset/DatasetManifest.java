package io.striate.dataset;

import java.util.List;
import java.util.Map;

/**
 * The catalogue entry of an imported recording set, stored as {@code dataset.json} next to its files and returned
 * by the import.
 *
 * @param id              dataset id, e.g. {@code movshon.FreemanZiemba2013.public}
 * @param format          {@code brainio} or {@code open}
 * @param region          region kept (e.g. V1)
 * @param windowStartMs   start of the averaged time window (BrainIO), 0 for the open format
 * @param windowEndMs     end of the averaged time window
 * @param visualDegrees   degrees of visual angle the images span
 * @param stimuli         number of stimuli
 * @param neuroids        number of neuroids kept
 * @param presentations   number of presentations
 * @param sha256          sha-256 of every stored file, by file name
 * @param stimulusColumns metadata columns available per stimulus
 * @param repetitions     distinct repetition ids (null in catalogues written before it was recorded)
 * @param parameters      where each import parameter came from, e.g. {@code windowStartMs → "50 (definition of
 *                        movshon.FreemanZiemba2013.public)"}, {@code "4 (request)"}, {@code "V1 (default)"}
 * @param storage         how the data variable was stored and read, e.g. {@code chunked 900x14x100, filters
 *                        [shuffle, deflate]; 32400000 elements, whole-chunk read verified} (BrainIO only)
 */
public record DatasetManifest(String id, String format, String region, double windowStartMs, double windowEndMs,
                              double visualDegrees, int stimuli, int neuroids, int presentations,
                              Map<String, String> sha256, List<String> stimulusColumns, Integer repetitions,
                              Map<String, String> parameters, String storage) {
}
