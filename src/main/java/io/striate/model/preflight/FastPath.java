package io.striate.model.preflight;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The preflight's advice that a TorchScript upload could be submitted as a block spec: every module class in the
 * archive has a Striate block type ({@link io.striate.model.torchscript.BlockCounterparts}). Present only then.
 *
 * @param blocks                the Striate block types the archive's modules correspond to, e.g. {@code ["vone"]}
 * @param referenceSpec         the shipped reference spec the archive's classes identify (a VOneBlock alone →
 *                              {@code vone-v1}), or null
 * @param spec                  the block spec with the upload's own settings (for a VOneBlock: its bank's channels,
 *                              kernel and stride), to submit with the upload's weights; null when none was derived
 * @param specMillisPerImage    that spec's full forward pass per image, timed in the same preflight as the upload (same
 *                              input size, same batch of seeded random images, same warm-up), or null
 * @param croppedMillisPerImage that spec's pass per image on the input window a property benchmark's units read (all
 *                              channels at the 3 × 3 tap positions at the centre, RF cropping), timed as above but with
 *                              as many windows per pass as a worker runs, or null
 * @param ratio                 the upload's {@code millisPerImage} ÷ {@code croppedMillisPerImage}: how much faster the
 *                              property benchmarks' forward passes would run as the spec (above 1: the spec is faster),
 *                              or null when not measured
 * @param fullRatio             the upload's {@code millisPerImage} ÷ {@code specMillisPerImage}: the same architecture on
 *                              the whole input (Striate's blocks against the upload's TorchScript), or null
 * @param message               the advice in words, naming the blocks and, when measured, the times
 */
public record FastPath(List<String> blocks, String referenceSpec, JsonNode spec, Double specMillisPerImage,
                       Double croppedMillisPerImage, Double ratio, Double fullRatio, String message) {
  public FastPath {
    blocks = List.copyOf(blocks);
  }
}
