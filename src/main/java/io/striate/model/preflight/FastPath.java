package io.striate.model.preflight;

import java.util.List;

/**
 * The preflight's advice that a TorchScript upload could be submitted as a block spec: every module class in the
 * archive has a Striate block type ({@link io.striate.model.torchscript.BlockCounterparts}). Present only then.
 *
 * @param blocks             the Striate block types the archive's modules correspond to, e.g. {@code ["vone"]}
 * @param referenceSpec      the shipped reference spec the archive's classes identify (a VOneBlock alone →
 *                           {@code vone-v1}), or null
 * @param specMillisPerImage that spec's forward pass per image, timed in the same preflight as the upload (same input
 *                           size, same batch of seeded random images, same warm-up), or null when no spec was timed
 * @param ratio              the upload's {@code millisPerImage} ÷ {@code specMillisPerImage} (above 1: the spec is
 *                           faster), or null when not measured
 * @param message            the advice in words, naming the blocks and, when measured, both times
 */
public record FastPath(List<String> blocks, String referenceSpec, Double specMillisPerImage, Double ratio,
                       String message) {
  public FastPath {
    blocks = List.copyOf(blocks);
  }
}
