package io.striate.model.torchscript;

import io.striate.model.torchscript.TorchScriptModules.Archive;
import io.striate.model.torchscript.TorchScriptModules.ScriptClass;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which of Striate's block types ({@code /schemas/block-spec.schema.json}) each module class of a TorchScript archive
 * corresponds to, walking the module tree from the root ({@link TorchScriptModules}). Recognised:
 * <ul>
 *   <li>torch.nn (by qualified name {@code __torch__.torch.nn.modules.*}): {@code Conv2d} → conv2d (square kernel,
 *       stride and padding, no dilation, zero padding), {@code BatchNorm2d} → batchnorm, {@code ReLU} → relu,
 *       {@code MaxPool2d} → maxpool and {@code AvgPool2d} → avgpool (no ceil mode, dilation or divisor override),
 *       {@code AdaptiveAvgPool2d} to 1 × 1 → globalavgpool, {@code Linear} → linear, {@code Flatten} from dimension 1
 *       → flatten, {@code Identity} → identity, {@code Sequential} → sequential; settings the archive states that the
 *       block lacks leave the class unmatched;</li>
 *   <li>torchvision ({@code __torch__.torchvision.models.resnet}): {@code BasicBlock}, {@code Bottleneck} → residual,
 *       {@code ResNet} (its own flatten) → flatten; their submodules are checked too;</li>
 *   <li>VOneNet (Dapello et al. 2020, dicarlolab/vonenet), by class name: {@code VOneBlock} → vone, {@code GFB} →
 *       gabor;</li>
 *   <li>the seed paper (Pogoncheff et al. 2023, gpogoncheff/explaining_v1), by class name: {@code DoGConv2DLayer},
 *       {@code DoGConv2D} → dog, {@code LocallyConnected2d} → locally-connected, {@code OpponentChannelInhibition} →
 *       tuned-normalization, {@code DivisiveNormalizationCirincione} → divisive-normalization,
 *       {@code PolarTransform} → cortical-magnification; its {@code BrainBottleneck}, {@code BrainBottleneckLocal}
 *       and ({@code models.composite}'s) {@code Bottleneck}, {@code BasicBlock} → residual, {@code ConvDog} and
 *       {@code ResNetComposite} (flatten) as containers whose submodules are checked.</li>
 * </ul>
 * A biological block (vone, gabor, dog, ..., cortical-magnification) stands for its class as a whole: its own
 * submodules are its implementation and are not matched one by one. Any other class is a container only if it has no
 * parameters or buffers of its own and its methods call nothing but its submodules
 * ({@link ScriptClass#pureContainer()}: an FX {@code GraphModule} that only chains modules, FX's plain {@code Module}
 * holders, VOneNet's pass-through {@code Identity}, a wrapper returning a dict of submodule outputs). Everything else
 * (a class Striate has no block for, a wrapper that adds, concatenates or reshapes tensors itself) is unmatched.
 */
public final class BlockCounterparts {
  private static final String NN = "__torch__.torch.nn.modules.";
  private static final String TORCHVISION_RESNET = "__torch__.torchvision.models.resnet";
  private static final Pattern SQUARE = Pattern.compile("\\((\\d+), \\1\\)|\\d+");
  private static final Set<String> BIOLOGICAL = Set.of("vone", "gabor", "dog", "locally-connected",
      "tuned-normalization", "divisive-normalization", "cortical-magnification");
  private static final int MAX_DEPTH = 64;

  private BlockCounterparts() {
  }

  /**
   * The outcome of the walk.
   *
   * @param blocks    the Striate block types the archive's modules correspond to, in the order first met, without the
   *                  root {@code Sequential} and without the internals of biological blocks
   * @param unmatched demangled names of the classes (and the reason) that have no counterpart; empty = all matched
   */
  public record Match(List<String> blocks, List<String> unmatched) {
    public Match {
      blocks = List.copyOf(blocks);
      unmatched = List.copyOf(unmatched);
    }

    /** Every module class of the archive has a Striate block type or is a pure container. */
    public boolean complete() {
      return unmatched.isEmpty() && !blocks.isEmpty();
    }
  }

  /** The block types of {@code archive}'s module tree. */
  public static Match match(Archive archive) {
    Set<String> blocks = new LinkedHashSet<>();
    Set<String> unmatched = new LinkedHashSet<>();
    walk(archive, archive.root(), true, 0, blocks, unmatched);
    return new Match(new ArrayList<>(blocks), new ArrayList<>(unmatched));
  }

  private static void walk(Archive archive, String qualifiedName, boolean root, int depth, Set<String> blocks,
                           Set<String> unmatched) {
    ScriptClass c = archive.find(qualifiedName).orElse(null);
    if (c == null || depth > MAX_DEPTH) {
      unmatched.add(TorchScriptModules.demangle(qualifiedName) + " (no class source in the archive)");
      return;
    }
    Counterpart counterpart = counterpart(c);
    if (counterpart == null) {
      if (!c.pureContainer()) {
        unmatched.add(c.name() + (c.module() ? ownComputation(c) : " (not a module)"));
        return;
      }
    } else if (counterpart.block() == null) {
      unmatched.add(c.name() + " (" + counterpart.reason() + ")");
      return;
    } else if (!(root && counterpart.block().equals("sequential")) && !counterpart.block().isEmpty()) {
      blocks.add(counterpart.block());
    }
    if (counterpart != null && BIOLOGICAL.contains(counterpart.block())) return; // its internals are the block
    for (String child : c.submodules().values()) {
      walk(archive, child, false, depth + 1, blocks, unmatched);
    }
  }

  private static String ownComputation(ScriptClass c) {
    if (!c.parameters().isEmpty() || !c.buffers().isEmpty()) {
      return " (own parameters or buffers " + c.parameters() + " " + c.buffers() + ")";
    }
    return " (calls " + String.join(", ", c.calls().subList(0, Math.min(3, c.calls().size())))
        + (c.calls().size() > 3 ? ", ..." : "") + " itself)";
  }

  /** A block type ("" = a known container without a block of its own), or null with the reason it has none. */
  record Counterpart(String block, String reason) {
    static Counterpart of(String block) {
      return new Counterpart(block, null);
    }

    static Counterpart none(String reason) {
      return new Counterpart(null, reason);
    }
  }

  /** The counterpart of {@code c}, or null when {@code c} is not a recognised class. */
  static Counterpart counterpart(ScriptClass c) {
    String path = c.modulePath();
    String simple = c.simpleName();
    Map<String, String> k = c.constants();
    if (path.startsWith(NN)) {
      return switch (simple) {
        case "Conv2d" -> square(k.get("kernel_size")) && square(k.get("stride")) && square(k.get("padding"))
            && absentOr(k.get("dilation"), "(1, 1)", "1") && absentOr(k.get("padding_mode"), "\"zeros\"")
            ? Counterpart.of("conv2d") : Counterpart.none("settings conv2d lacks: " + k);
        case "BatchNorm2d" -> Counterpart.of("batchnorm");
        case "ReLU" -> Counterpart.of("relu");
        case "MaxPool2d" -> plainPool(k) ? Counterpart.of("maxpool") : Counterpart.none("settings maxpool lacks: " + k);
        case "AvgPool2d" -> plainPool(k) && absentOr(k.get("divisor_override"), "None")
            ? Counterpart.of("avgpool") : Counterpart.none("settings avgpool lacks: " + k);
        case "AdaptiveAvgPool2d" -> "1".equals(k.get("output_size")) || "(1, 1)".equals(k.get("output_size"))
            ? Counterpart.of("globalavgpool") : Counterpart.none("output size other than 1 × 1: " + k);
        case "Linear" -> Counterpart.of("linear");
        case "Flatten" -> absentOr(k.get("start_dim"), "1") && absentOr(k.get("end_dim"), "-1")
            ? Counterpart.of("flatten") : Counterpart.none("flatten from another dimension: " + k);
        case "Identity" -> Counterpart.of("identity");
        case "Sequential" -> Counterpart.of("sequential");
        default -> null;
      };
    }
    boolean seedComposite = path.endsWith(".models.composite");
    if (path.equals(TORCHVISION_RESNET) || seedComposite) {
      if (simple.equals("BasicBlock") || simple.equals("Bottleneck")) return Counterpart.of("residual");
      if (simple.equals("ResNet") && !seedComposite) return Counterpart.of("flatten");
    }
    return switch (simple) {
      case "VOneBlock" -> Counterpart.of("vone");
      case "GFB" -> Counterpart.of("gabor");
      case "DoGConv2DLayer", "DoGConv2D" -> Counterpart.of("dog");
      case "LocallyConnected2d" -> Counterpart.of("locally-connected");
      case "OpponentChannelInhibition" -> Counterpart.of("tuned-normalization");
      case "DivisiveNormalizationCirincione" -> Counterpart.of("divisive-normalization");
      case "PolarTransform" -> Counterpart.of("cortical-magnification");
      case "BrainBottleneck", "BrainBottleneckLocal" -> Counterpart.of("residual");
      case "ResNetComposite" -> Counterpart.of("flatten");
      case "ConvDog" -> Counterpart.of("");
      default -> null;
    };
  }

  private static boolean plainPool(Map<String, String> k) {
    return absentOr(k.get("ceil_mode"), "False") && absentOr(k.get("dilation"), "1", "(1, 1)")
        && absentOr(k.get("return_indices"), "False") && square(k.get("kernel_size")) && square(k.get("stride"))
        && square(k.get("padding"));
  }

  private static boolean square(String value) {
    return value == null || SQUARE.matcher(value).matches();
  }

  private static boolean absentOr(String value, String... allowed) {
    return value == null || List.of(allowed).contains(value);
  }
}
