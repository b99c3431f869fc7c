package io.striate.model;

import java.nio.file.Path;

/**
 * Where a model version's content lives and how to read it.
 *
 * @param versionId    database id of the model version
 * @param sha256       content hash (hex) of the artifact or of the canonical block-spec JSON
 * @param kind         TORCHSCRIPT or BLOCK_SPEC
 * @param artifact     path of the TorchScript file in the artifact store; for a block spec its uploaded weights or
 *                     hybrid backbone, or null
 * @param specJson     the block spec (null for TorchScript)
 * @param metadataJson submission metadata: input spec, taps, pinned V1 layer (may be "{}")
 */
public record ModelSource(long versionId, String sha256, Kind kind, Path artifact, String specJson,
                          String metadataJson) {
  public enum Kind { TORCHSCRIPT, BLOCK_SPEC }
}
