#!/usr/bin/env python3
"""Block-spec fixtures for the standard layers (Debian torch 1.13): a small spec, the equivalent PyTorch module with
seeded weights exported by parameter name ('<layer>.<param>', .npz), and its tap outputs for seeded inputs.
Run from the repository root:  /usr/bin/python3 tools/spec_fixtures.py
Writes src/test/resources/fixtures/runtime/spec_stem{.json,_weights.npz,_reference.npz} (the reference also holds
the hybrid avg-pool front end + tiny_dict.pt backbone outputs; run tools/runtime_fixtures.py first).
"""
import json
import os

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "fixtures", "runtime")

SPEC = {
    "name": "spec-stem-test",
    "description": "standard layers only: conv-bn-relu-pool, a residual block with a projection shortcut, branches",
    "input": {"size": 32, "mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5], "visualDegrees": 4},
    "seed": 3,
    "layers": [
        {"type": "conv2d", "name": "conv1", "outChannels": 8, "kernel": 5, "stride": 2, "padding": 2, "bias": False},
        {"type": "batchnorm", "name": "bn1"},
        {"type": "relu", "name": "relu1"},
        {"type": "maxpool", "name": "pool1", "kernel": 3, "stride": 2, "padding": 1},
        {"type": "residual", "name": "block1", "layers": [
            {"type": "conv2d", "name": "b1conv1", "outChannels": 12, "kernel": 3, "padding": 1, "bias": False},
            {"type": "batchnorm", "name": "b1bn1"},
            {"type": "relu"},
            {"type": "conv2d", "name": "b1conv2", "outChannels": 12, "kernel": 3, "padding": 1, "bias": False},
            {"type": "batchnorm", "name": "b1bn2"}],
         "shortcut": [{"type": "conv2d", "name": "b1proj", "outChannels": 12, "kernel": 1, "bias": False},
                      {"type": "batchnorm", "name": "b1projbn"}]},
        {"type": "branches", "name": "mix", "merge": "concat", "branches": [
            [{"type": "conv2d", "name": "mixconv", "outChannels": 4, "kernel": 3, "padding": 1}],
            [{"type": "avgpool", "kernel": 3, "stride": 1, "padding": 1}]]},
        {"type": "relu", "name": "out"}
    ],
    "taps": ["relu1", "pool1", "block1", "out"],
    "v1Layer": "block1"
}


class Stem(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 5, 2, 2, bias=False)
        self.bn1 = nn.BatchNorm2d(8)
        self.b1conv1 = nn.Conv2d(8, 12, 3, 1, 1, bias=False)
        self.b1bn1 = nn.BatchNorm2d(12)
        self.b1conv2 = nn.Conv2d(12, 12, 3, 1, 1, bias=False)
        self.b1bn2 = nn.BatchNorm2d(12)
        self.b1proj = nn.Conv2d(8, 12, 1, bias=False)
        self.b1projbn = nn.BatchNorm2d(12)
        self.mixconv = nn.Conv2d(12, 4, 3, 1, 1)

    def forward(self, x):
        relu1 = F.relu(self.bn1(self.conv1(x)))
        pool1 = F.max_pool2d(relu1, 3, 2, 1)
        main = self.b1bn2(self.b1conv2(F.relu(self.b1bn1(self.b1conv1(pool1)))))
        block1 = F.relu(main + self.b1projbn(self.b1proj(pool1)))
        mix = torch.cat([self.mixconv(block1), F.avg_pool2d(block1, 3, 1, 1)], 1)
        return {"relu1": relu1, "pool1": pool1, "block1": block1, "out": F.relu(mix)}


def main():
    torch.manual_seed(11)
    m = Stem().eval()
    with torch.no_grad():
        for mod in m.modules():
            if isinstance(mod, nn.BatchNorm2d):
                mod.weight.uniform_(0.5, 1.5)
                mod.bias.uniform_(-0.2, 0.2)
                mod.running_mean.uniform_(-0.3, 0.3)
                mod.running_var.uniform_(0.5, 2.0)
    weights = {k: v.numpy() for k, v in m.state_dict().items() if not k.endswith("num_batches_tracked")}
    x = torch.randn(2, 3, 32, 32, generator=torch.Generator().manual_seed(5))
    with torch.no_grad():
        out = m(x)
        # hybrid: avg-pool front end (3x3, stride 1, padding 1) feeding the tiny_dict.pt TorchScript backbone
        backbone = torch.jit.load(os.path.join(OUT, "tiny_dict.pt"))
        hybrid = backbone(F.avg_pool2d(x, 3, 1, 1))
    ref = {"input": x.numpy(), "front": F.avg_pool2d(x, 3, 1, 1).numpy()}
    ref.update({"hybrid_" + k: v.numpy() for k, v in hybrid.items()})
    ref.update({k: v.numpy() for k, v in out.items()})
    with open(os.path.join(OUT, "spec_stem.json"), "w") as f:
        json.dump(SPEC, f, indent=1)
    np.savez(os.path.join(OUT, "spec_stem_weights.npz"), **weights)
    np.savez_compressed(os.path.join(OUT, "spec_stem_reference.npz"), **ref)
    print("wrote spec_stem fixtures:", sorted(weights))


if __name__ == "__main__":
    main()
