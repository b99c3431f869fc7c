package io.striate.model.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The block specs shipped in the jar ({@code classpath:/specs/<name>.json}), so a new user can score something real
 * on the first run: baselines and the front ends of Pogoncheff, Granley &amp; Beyeler (NeurIPS 2023, "Explaining V1
 * properties with a biologically constrained deep learning architecture") on a small convolutional stem, and that
 * paper's own models ({@code pogoncheff2023-*}: its ResNet-50 composites a–g and single-component variants, generated
 * from the seed repository's modules by tools/pogoncheff_reference.py, layer names = PyTorch module names).
 */
public final class ReferenceSpecs {
  /** Names of the shipped specs, in display order. */
  public static final List<String> NAMES = List.of("pixels", "vone-v1", "random-gabor", "center-surround",
      "local-rf", "tuned-normalization", "cortical-magnification", "bio-composite", "pogoncheff2023-composite-a",
      "pogoncheff2023-composite-a-lpp49", "pogoncheff2023-composite-b", "pogoncheff2023-composite-c",
      "pogoncheff2023-composite-d", "pogoncheff2023-composite-e", "pogoncheff2023-composite-f",
      "pogoncheff2023-composite-g", "pogoncheff2023-tuned-norm", "pogoncheff2023-div-norm",
      "pogoncheff2023-center-surround", "pogoncheff2023-local-rf", "pogoncheff2023-cortical-magnification",
      "pogoncheff2023-resnet50");

  private ReferenceSpecs() {
  }

  /** The JSON of reference spec {@code name}, if shipped. */
  public static Optional<String> json(String name) {
    if (!NAMES.contains(name)) return Optional.empty();
    try (InputStream in = ReferenceSpecs.class.getResourceAsStream("/specs/" + name + ".json")) {
      if (in == null) throw new IllegalStateException("reference spec " + name + " missing from the jar");
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
