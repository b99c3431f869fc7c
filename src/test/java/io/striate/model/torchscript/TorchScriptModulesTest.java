package io.striate.model.torchscript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.striate.model.runtime.Fixtures;
import io.striate.model.torchscript.TorchScriptModules.Archive;
import io.striate.model.torchscript.TorchScriptModules.ScriptClass;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The class reader on archives written by Debian torch 1.13 (tools/fastpath_fixtures.py, tools/runtime_fixtures.py). */
class TorchScriptModulesTest {
  @TempDir
  Path dir;

  Archive read(String fixture) throws IOException {
    return TorchScriptModules.read(Fixtures.copy(fixture, dir));
  }

  @Test
  void readsTheRootAndEveryModuleClassOfAScriptedVOneBlock() throws Exception {
    Archive a = read("fastpath_vone.pt");
    assertThat(a.root()).isEqualTo("__torch__.VOneBlock");
    ScriptClass block = a.find("__torch__.VOneBlock").orElseThrow();
    assertThat(block.submodules()).containsExactly(Map.entry("simple_conv_q0", "__torch__.GFB"),
        Map.entry("simple_conv_q1", "__torch__.GFB"),
        Map.entry("simple", "__torch__.torch.nn.modules.activation.ReLU"), Map.entry("complex", "__torch__.Identity"),
        Map.entry("gabors", "__torch__.Identity"), Map.entry("noise", "__torch__.torch.nn.modules.activation.ReLU"),
        Map.entry("output", "__torch__.Identity"));
    assertThat(block.calls()).contains("torch.cat", "torch.sqrt", "torch.mul");
    assertThat(block.pureContainer()).as("computes the complex cells itself").isFalse();
    ScriptClass gfb = a.find("__torch__.GFB").orElseThrow();
    assertThat(gfb.parameters()).containsExactly("weight");
    assertThat(gfb.calls()).containsExactly("torch.conv2d");
    ScriptClass identity = a.find("__torch__.Identity").orElseThrow();
    assertThat(identity.pureContainer()).as("VOneNet's Identity returns its input").isTrue();
  }

  @Test
  void readsConstantsAndIndexedSubmodulesAndDemangles() throws Exception {
    Archive a = read("fastpath_stack.pt");
    assertThat(a.root()).isEqualTo("__torch__.Stack");
    ScriptClass stack = a.find("__torch__.Stack").orElseThrow();
    assertThat(stack.pureContainer()).as("only calls its submodules").isTrue();
    assertThat(a.find("__torch__.torch.nn.modules.container.Sequential").orElseThrow().submodules())
        .containsExactly(Map.entry("0", "__torch__.torchvision.models.resnet.BasicBlock"));
    ScriptClass pool = a.find("__torch__.torch.nn.modules.pooling.MaxPool2d").orElseThrow();
    assertThat(pool.constants()).containsEntry("kernel_size", "2").containsEntry("ceil_mode", "False");
    ScriptClass relu = a.find("__torch__.torch.nn.modules.activation.___torch_mangle_0.ReLU").orElseThrow();
    assertThat(relu.name()).isEqualTo("__torch__.torch.nn.modules.activation.ReLU");
    assertThat(relu.simpleName()).isEqualTo("ReLU");
    assertThat(relu.modulePath()).isEqualTo("__torch__.torch.nn.modules.activation");
  }

  @Test
  void aRootThatAddsTensorsIsNoContainer() throws Exception {
    ScriptClass summed = read("fastpath_operator.pt").find("__torch__.Summed").orElseThrow();
    assertThat(summed.calls()).containsExactly("torch.add");
    assertThat(summed.pureContainer()).isFalse();
  }

  @Test
  void aStateDictIsNoArchive() {
    assertThatThrownBy(() -> read("neg_state_dict.pt")).isInstanceOf(IOException.class);
  }

  /** A hostile archive: a data.pkl and 40 code files of 1 MiB each (compressing to almost nothing) is not inspected. */
  @Test
  void anArchiveWithTooMuchCodeIsNotInspected(@TempDir Path dir) throws Exception {
    Path bomb = dir.resolve("bomb.pt");
    byte[] filler = new byte[1 << 20];
    java.util.Arrays.fill(filler, (byte) '#');
    try (var zip = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(bomb))) {
      zip.putNextEntry(new java.util.zip.ZipEntry("bomb/data.pkl"));
      zip.write("\u0080\u0002c__torch__\nBomb\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      for (int i = 0; i < 40; i++) {
        zip.putNextEntry(new java.util.zip.ZipEntry("bomb/code/__torch__/m" + i + ".py"));
        zip.write(filler);
      }
    }
    assertThat(40L << 20).isGreaterThan(TorchScriptModules.MAX_CODE_CHARS);
    assertThatThrownBy(() -> TorchScriptModules.read(bomb)).isInstanceOf(IOException.class)
        .hasMessageContaining("not inspected");
  }
}
