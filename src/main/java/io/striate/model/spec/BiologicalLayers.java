package io.striate.model.spec;

import ai.djl.nn.Block;
import io.striate.model.blocks.BlockConfigException;
import io.striate.model.blocks.CorticalMagnification;
import io.striate.model.blocks.DivisiveNormalization;
import io.striate.model.blocks.DoGConv2d;
import io.striate.model.blocks.GaborFilterBank;
import io.striate.model.blocks.GaborSampling;
import io.striate.model.blocks.LocallyConnected2d;
import io.striate.model.blocks.TunedNormalization;
import io.striate.model.blocks.VOneBlock;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Builds the biological blocks of {@code io.striate.model.blocks} from their block-spec JSON (schema
 * {@code /schemas/block-spec.schema.json}, {@code $defs} vone, gabor, dog, locallyConnected, tunedNormalization,
 * divisiveNormalization, corticalMagnification). Defaults are the papers' (VOneNet; Pogoncheff et al. 2023).
 * Every block is seeded: with the layer's own {@code seed} if given, else the seed derived from the spec's seed and
 * the layer position. A block's configuration error becomes an {@code invalid-spec} problem at
 * {@code <layer pointer>/<field>}.
 */
public final class BiologicalLayers {
  /** Default field of view when the spec's input gives none, degrees (Brain-Score's default). */
  static final double DEFAULT_VISUAL_DEGREES = 8;

  /**
   * @param type    layer type, e.g. {@code vone}
   * @param node    the layer's JSON (validated against the schema)
   * @param pointer JSON pointer of the layer, for errors
   * @param seed    seed derived from the spec's seed and the layer position
   */
  public Block create(String type, JsonNode node, String pointer, long seed, BlockSpec spec) {
    long s = node.has("seed") ? node.get("seed").asLong() : seed;
    try {
      return switch (type) {
        case "vone" -> vone(node, s, spec);
        case "gabor" -> gabor(node, s, spec);
        case "dog" -> DoGConv2d.builder().setDogChannels(node.get("dogChannels").asInt())
            .optHalfWidth(node.path("halfWidth").asInt(2)).optDepthwise(node.path("depthwise").asBoolean(false))
            .optBias(node.path("bias").asBoolean(true)).optSeed(s).build();
        case "locally-connected" -> LocallyConnected2d.builder().setOutChannels(node.get("outChannels").asInt())
            .setKernelSize(node.get("kernel").asInt()).optStride(node.path("stride").asInt(1))
            .optPadding(node.path("padding").asInt(0)).optBias(node.path("bias").asBoolean(true)).optSeed(s)
            .build();
        case "tuned-normalization" -> TunedNormalization.builder().optSeed(s).build();
        case "divisive-normalization" -> DivisiveNormalization.builder().optKernelSize(node.path("kernel").asInt(3))
            .optSeed(s).build();
        case "cortical-magnification" -> corticalMagnification(node);
        default -> throw BlockSpecValidator.invalid(pointer + "/type", "layer type '" + type + "' is unknown");
      };
    } catch (BlockConfigException e) {
      throw BlockSpecValidator.invalid(pointer + "/" + e.field(), e.getMessage());
    }
  }

  private static VOneBlock vone(JsonNode node, long seed, BlockSpec spec) {
    return VOneBlock.builder()
        .setChannels(node.path("simpleChannels").asInt(256), node.path("complexChannels").asInt(256))
        .optInChannels(node.path("inChannels").asInt(3)).optKernelSize(node.path("kernel").asInt(25))
        .optStride(node.path("stride").asInt(4)).optKExc(node.path("kExc").asDouble(25))
        .optVisualField(spec.input().size(), visualDegrees(spec)).optSeed(seed).optMode(mode(node))
        .optSfCorr(node.path("sfCorr").asDouble(0.75))
        .optSfRange(node.path("sfMin").asDouble(0), node.path("sfMax").asDouble(9))
        .optNoise(VOneBlock.Noise.valueOf(node.path("noise").asString("neuronal").toUpperCase(Locale.ROOT)),
            node.path("noiseScale").asDouble(0.35), node.path("noiseLevel").asDouble(0.07))
        .build();
  }

  private static GaborFilterBank gabor(JsonNode node, long seed, BlockSpec spec) {
    int in = node.path("inChannels").asInt(3);
    var draw = GaborSampling.draw(node.get("filters").asInt(), seed, mode(node), node.path("sfCorr").asDouble(0.75),
        node.path("sfMin").asDouble(0), node.path("sfMax").asDouble(9), in);
    return GaborFilterBank.builder().setGabors(draw.toPixels(spec.input().size(), visualDegrees(spec)))
        .optInChannels(in).optKernelSize(node.path("kernel").asInt(25)).optStride(node.path("stride").asInt(4))
        .build();
  }

  private static CorticalMagnification corticalMagnification(JsonNode node) {
    JsonNode radii = node.get("radiusBins");
    double[] r = new double[radii.size()];
    for (int i = 0; i < r.length; i++) r[i] = radii.get(i).asDouble();
    JsonNode out = node.get("outputSize");
    return CorticalMagnification.builder().setRadiusBins(r).setAngleCount(node.get("angles").asInt())
        .setOutputSize(out.get(0).asInt(), out.get(1).asInt())
        .optInterpolation(CorticalMagnification.Interpolation.valueOf(
            node.path("interpolation").asString("linear").toUpperCase(Locale.ROOT)))
        .optFloat16Masks(node.path("masks").asString("exact").equals("float16"))
        .optReflectRadius(node.path("radiusPadding").asString("none").equals("reflect"))
        .build();
  }

  private static GaborSampling.Mode mode(JsonNode node) {
    return node.path("parameters").asString("empirical").equals("uniform") ? GaborSampling.Mode.UNIFORM
        : GaborSampling.Mode.EMPIRICAL;
  }

  private static double visualDegrees(BlockSpec spec) {
    return spec.input().visualDegrees() == null ? DEFAULT_VISUAL_DEGREES : spec.input().visualDegrees();
  }
}
