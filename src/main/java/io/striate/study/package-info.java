/**
 * Component-ablation studies (Pogoncheff et al. 2023's method as a feature): a study groups model versions, its
 * variants, against a baseline. Public surface: {@link io.striate.study.StudyTables} (a study's table and the list of
 * studies, for the web pages) and {@link io.striate.study.StudyTable} (rows = variants, columns = score-tree nodes and
 * benchmarks, each cell with its error and the delta against the baseline flagged beyond the combined error); the
 * REST API is {@code /api/v1/studies}.
 */
package io.striate.study;
