/**
 * Content-addressed artifact storage on disk. Public surface: {@link io.striate.storage.ArtifactStore}
 * (streams uploads to {@code sha256}-named files) and {@link io.striate.storage.Hashing}.
 */
package io.striate.storage;
