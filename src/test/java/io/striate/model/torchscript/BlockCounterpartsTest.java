package io.striate.model.torchscript;

import static org.assertj.core.api.Assertions.assertThat;

import io.striate.model.runtime.Fixtures;
import io.striate.model.torchscript.BlockCounterparts.Match;
import io.striate.model.torchscript.TorchScriptModules.ScriptClass;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Module classes → Striate block types, on archives written by Debian torch 1.13. */
class BlockCounterpartsTest {
  @TempDir
  Path dir;

  Match match(String fixture) throws Exception {
    return BlockCounterparts.match(TorchScriptModules.read(Fixtures.copy(fixture, dir)));
  }

  @Test
  void aVOneBlockIsOneVoneBlock() throws Exception {
    Match m = match("fastpath_vone.pt");
    assertThat(m.unmatched()).isEmpty();
    assertThat(m.blocks()).as("GFB, ReLU and Identity are the VOneBlock's own internals").containsExactly("vone");
    assertThat(m.complete()).isTrue();
  }

  @Test
  void torchNnAndTorchvisionModulesMapInTreeOrder() throws Exception {
    Match m = match("fastpath_stack.pt");
    assertThat(m.unmatched()).isEmpty();
    assertThat(m.blocks()).containsExactly("conv2d", "batchnorm", "relu", "maxpool", "sequential", "residual");
  }

  @Test
  void anFxGraphModuleThatOnlyChainsModulesIsAContainer() throws Exception {
    // tools/export_torchscript.py's create_feature_extractor path: GraphModule 'Stem' and FX's plain Module holders
    Match m = match("tiny_fx.pt");
    assertThat(m.unmatched()).isEmpty();
    assertThat(m.blocks()).containsExactly("conv2d", "batchnorm", "relu");
  }

  @Test
  void aClassWithoutABlockMeansNoMatch() throws Exception {
    Match m = match("fastpath_unmapped.pt");
    assertThat(m.complete()).isFalse();
    assertThat(m.unmatched()).singleElement().asString().startsWith("__torch__.torch.nn.modules.activation.GELU");
  }

  @Test
  void aRootComputingItselfMeansNoMatch() throws Exception {
    assertThat(match("fastpath_operator.pt").unmatched()).containsExactly("__torch__.Summed (calls torch.add itself)");
    // TinyNet calls F.relu, max_pool2d and flatten in its own forward
    assertThat(match("tiny_dict.pt").complete()).isFalse();
  }

  @Test
  void settingsABlockLacksLeaveTheClassUnmatched() {
    String conv = "__torch__.torch.nn.modules.conv.Conv2d";
    Map<String, String> plain = Map.of("kernel_size", "(3, 3)", "stride", "(1, 1)", "padding", "(1, 1)",
        "dilation", "(1, 1)", "padding_mode", "\"zeros\"");
    assertThat(BlockCounterparts.counterpart(module(conv, plain)).block()).isEqualTo("conv2d");
    var dilated = new java.util.HashMap<>(plain);
    dilated.put("dilation", "(2, 2)");
    assertThat(BlockCounterparts.counterpart(module(conv, dilated)).block()).isNull();
    var oblong = new java.util.HashMap<>(plain);
    oblong.put("kernel_size", "(3, 5)");
    assertThat(BlockCounterparts.counterpart(module(conv, oblong)).block()).isNull();
    String adaptive = "__torch__.torch.nn.modules.pooling.AdaptiveAvgPool2d";
    assertThat(BlockCounterparts.counterpart(module(adaptive, Map.of("output_size", "1"))).block())
        .isEqualTo("globalavgpool");
    assertThat(BlockCounterparts.counterpart(module(adaptive, Map.of("output_size", "(7, 7)"))).block()).isNull();
  }

  @Test
  void namesOutsideTheirLibraryAreNotTakenOnTrust() {
    assertThat(BlockCounterparts.counterpart(module("__torch__.mine.Conv2d", Map.of()))).isNull();
    assertThat(BlockCounterparts.counterpart(module("__torch__.mine.Bottleneck", Map.of()))).isNull();
    assertThat(BlockCounterparts.counterpart(module("__torch__.models.composite.Bottleneck", Map.of())).block())
        .isEqualTo("residual");
    assertThat(BlockCounterparts.counterpart(module("__torch__.utils.DoG.DoGConv2DLayer", Map.of())).block())
        .isEqualTo("dog");
  }

  private static ScriptClass module(String name, Map<String, String> constants) {
    return new ScriptClass(name, true, List.of(), List.of(), Map.of(), constants, List.of());
  }
}
