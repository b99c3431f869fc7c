/**
 * Imported neural recordings and stimulus sets. Public surface: {@link io.striate.dataset.DatasetStore},
 * {@link io.striate.dataset.RecordingSet}, {@link io.striate.dataset.NeuralRecordings} and
 * {@link io.striate.dataset.DatasetImportCommand}; the readers and the admin controller are internal.
 */
package io.striate.dataset;
