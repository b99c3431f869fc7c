package io.striate.benchmark;

/**
 * Static description of a benchmark.
 *
 * @param id         stable id, Brain-Score's verbatim
 * @param version    benchmark version; a change of numbers bumps it
 * @param parent     parent node in the score tree (e.g. {@code V1-orientation}), see {@link ScoreTree}
 * @param title      human readable title
 * @param paper      citation of the data's paper
 * @param ceiling    published or computed ceiling, or null when it depends on imported data not yet present
 * @param provenance where the reference data comes from
 */
public record BenchmarkInfo(String id, int version, String parent, String title, String paper, Double ceiling,
                            String provenance) {
}
