#!/usr/bin/env python3
"""TorchScript fixtures of the preflight's fast-path hint (FastPathHint, TorchScriptModules), written by Debian's
torch 1.13 / torchvision 0.14 into src/test/resources/fixtures/runtime/. Run from the repository root:

    /usr/bin/python3 tools/fastpath_fixtures.py

  fastpath_vone.pt      VOneBlock alone, with VOneNet's class names and structure (dicarlolab/vonenet 3c3a0b2,
                        vonenet/modules.py: GFB quadrature banks simple_conv_q0/q1, simple = ReLU, complex = energy
                        / sqrt 2, gabors/complex/output = VOneNet's own pass-through Identity, noise ReLU; noise off),
                        48 simple + 48 complex channels (vone-v1 has 256 + 256: the smaller bank keeps the file under
                        2 MB), 25 px kernels, stride 4, 224 px; forward(x) -> Tensor
  fastpath_stack.pt     torch.nn Conv2d/BatchNorm2d/ReLU/MaxPool2d, a torchvision BasicBlock in a Sequential; the root
                        class only calls its submodules and returns {"pool": .., "layer1": ..}
  fastpath_unmapped.pt  the same stem with torch.nn.GELU (Striate has no GELU block) -> no hint
  fastpath_operator.pt  every submodule mapped, but the root adds two of their outputs itself (torch.add in its
                        forward), so it is not a pure container -> no hint
"""
import json
import math
import os

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torchvision.models.resnet import BasicBlock

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "fixtures", "runtime")


class Identity(nn.Module):
    """VOneNet's modules.Identity."""

    def forward(self, x):
        return x


class GFB(nn.Module):
    """VOneNet's Gabor filter bank: a fixed convolution, padding kernel // 2."""

    def __init__(self, in_channels, out_channels, kernel_size, stride=4):
        super().__init__()
        self.stride = (stride, stride)
        self.padding = (kernel_size // 2, kernel_size // 2)
        self.weight = nn.Parameter(torch.zeros(out_channels, in_channels, kernel_size, kernel_size),
                                   requires_grad=False)

    def forward(self, x):
        return F.conv2d(x, self.weight, None, self.stride, self.padding)


def gabor(frequency, sigma_x, sigma_y, theta, offset, ks):
    """VOneNet's utils.gabor_kernel (x along rows, unit-area envelope)."""
    w = ks // 2
    grid = np.mgrid[-w:w + 1, -w:w + 1].astype(np.float64)
    x, y = grid[0], grid[1]
    rx = x * np.cos(theta) + y * np.sin(theta)
    ry = -x * np.sin(theta) + y * np.cos(theta)
    g = np.exp(-0.5 * (rx ** 2 / sigma_x ** 2 + ry ** 2 / sigma_y ** 2)) / (2 * np.pi * sigma_x * sigma_y)
    return g * np.cos(2 * np.pi * frequency * rx + offset)


class VOneBlock(nn.Module):
    """VOneNet's VOneBlock with noise off (noise_mode=None): the arithmetic of its gabors_f and noise_f."""

    def __init__(self, simple_channels=48, complex_channels=48, ksize=25, stride=4, k_exc=25.0, seed=0):
        super().__init__()
        self.simple_channels = simple_channels
        self.k_exc = k_exc
        n = simple_channels + complex_channels
        self.simple_conv_q0 = GFB(3, n, ksize, stride)
        self.simple_conv_q1 = GFB(3, n, ksize, stride)
        rng = np.random.default_rng(seed)
        with torch.no_grad():
            for i in range(n):
                sf, theta = rng.uniform(0.02, 0.2), rng.uniform(0, np.pi)
                sig, phase, c = rng.uniform(2, 6), rng.uniform(0, 2 * np.pi), int(rng.integers(0, 3))
                for q, conv in ((0.0, self.simple_conv_q0), (np.pi / 2, self.simple_conv_q1)):
                    conv.weight[i, c] = torch.from_numpy(gabor(sf, sig, sig, theta, phase + q, ksize)).float()
        self.simple = nn.ReLU(inplace=True)
        self.complex = Identity()
        self.gabors = Identity()
        self.noise = nn.ReLU(inplace=True)
        self.output = Identity()

    def forward(self, x):
        s_q0 = self.simple_conv_q0(x)
        s_q1 = self.simple_conv_q1(x)
        c = self.complex(torch.sqrt(s_q0[:, self.simple_channels:, :, :] ** 2
                                    + s_q1[:, self.simple_channels:, :, :] ** 2) / math.sqrt(2.0))
        s = self.simple(s_q0[:, 0:self.simple_channels, :, :])
        x = self.gabors(self.k_exc * torch.cat((s, c), 1))
        return self.output(self.noise(x))


class Stack(nn.Module):
    """Conv-BN-ReLU-MaxPool stem and one torchvision BasicBlock; forward only calls submodules."""

    def __init__(self, act=None):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(8)
        self.relu = act if act is not None else nn.ReLU()
        self.maxpool = nn.MaxPool2d(2)
        self.layer1 = nn.Sequential(BasicBlock(8, 8))

    def forward(self, x):
        pool = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        return {"pool": pool, "layer1": self.layer1(pool)}


class Summed(Stack):
    """Stack whose root adds the stem and the block itself: an operator outside any module."""

    def forward(self, x):
        pool = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        return {"pool": pool, "layer1": self.layer1(pool) + pool}


def save(module, name, meta):
    path = os.path.join(OUT, name)
    torch.jit.save(torch.jit.script(module.eval()), path, _extra_files={"striate.json": json.dumps(meta)})
    print(name, os.path.getsize(path))


def meta(size, taps, v1):
    return {"inputSize": size, "mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5], "visualDegrees": 8, "taps": taps,
            "v1Layer": v1}


if __name__ == "__main__":
    torch.manual_seed(0)
    vone = VOneBlock()
    save(vone, "fastpath_vone.pt", meta(224, ["output"], "output"))
    # its state_dict as the weights of the spec the preflight's hint derives (FastPathHintTest checks they agree)
    np.savez(os.path.join(OUT, "fastpath_vone_weights.npz"),
             **{k: v.numpy() for k, v in vone.state_dict().items()})
    save(Stack(), "fastpath_stack.pt", meta(32, ["pool", "layer1"], "layer1"))
    save(Stack(nn.GELU()), "fastpath_unmapped.pt", meta(32, ["pool", "layer1"], "layer1"))
    save(Summed(), "fastpath_operator.pt", meta(32, ["pool", "layer1"], "layer1"))
