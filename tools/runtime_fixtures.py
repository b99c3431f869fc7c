#!/usr/bin/env python3
"""Generates the model-runtime test fixtures in src/test/resources/fixtures/runtime/ (Debian torch 1.13,
torchvision 0.14, PIL 9.4). Run from the repository root:  /usr/bin/python3 tools/runtime_fixtures.py

Fixtures:
  pil_resize.npz       seeded uint8 RGB images and PIL ``Image.resize(BILINEAR)`` outputs (bit-exact reference),
                       plus torchvision ``Resize -> ToTensor -> Normalize`` float outputs
  tiny_dict.pt         forward(x) -> Dict[str, Tensor] {conv1, pool1, conv2, fc}, with extra/striate.json
  tiny_tensor.pt       forward(x) -> Tensor (one layer), no metadata
  tiny_activations.pt  forward(x) -> logits; @export activations(x) -> Dict[str, Tensor]
  tiny_fx.pt           a torchvision-style net exported by tools/export_torchscript.py (create_feature_extractor)
  tiny_stochastic.pt   forward(x) -> {"noisy": relu(conv(x)) + N(0,1) noise}
  tiny_reference.npz   images, the preprocessed input and PyTorch's outputs of the four tiny models for them
  neg_state_dict.pt    torch.save(state_dict()) - not TorchScript
  neg_nested_dict.pt   forward(x) -> Dict[str, Dict[str, Tensor]]
  neg_non_tensor.pt    forward(x) -> Dict[str, int]
  neg_unknown_op.pt    tiny_tensor.pt with torch.relu rewritten to an unregistered op (striate_missing::gabor)
"""
import io
import json
import os
import sys
import zipfile
from typing import Dict

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image
from torchvision import transforms

sys.path.insert(0, os.path.dirname(__file__))
from export_torchscript import export  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "fixtures", "runtime")
SIZE = 32  # input size of the tiny models
MEAN = (0.485, 0.456, 0.406)
STD = (0.229, 0.224, 0.225)


def smooth_image(rng, h, w):
    """A seeded RGB test image: gradients, a sinusoidal grating and noise, uint8 (H, W, 3)."""
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    base = np.stack([255 * x / max(w - 1, 1), 255 * y / max(h - 1, 1),
                     127.5 + 127.5 * np.sin(2 * np.pi * (x + 2 * y) / 11.0)], axis=-1)
    noisy = base + rng.normal(0, 40, size=base.shape)
    return np.clip(np.rint(noisy), 0, 255).astype(np.uint8)


def pil_resize_fixture():
    rng = np.random.default_rng(20231)
    # (height, width, target): downscale (antialiased), upscale, non-square, identity, Brain-Score-like sizes
    cases = [(120, 160, 64), (30, 40, 64), (97, 61, 32), (64, 64, 64), (256, 240, 224), (300, 280, 64), (7, 5, 3)]
    arrays = {}
    for i, (h, w, s) in enumerate(cases):
        img = smooth_image(rng, h, w)
        pil = Image.fromarray(img, "RGB")
        resized = np.asarray(pil.resize((s, s), Image.BILINEAR))
        tv = transforms.Compose([transforms.Resize((s, s)), transforms.ToTensor(), transforms.Normalize(MEAN, STD)])
        arrays[f"in{i}"] = img
        arrays[f"out{i}"] = resized
        arrays[f"norm{i}"] = tv(pil).numpy().astype(np.float32)
    np.savez_compressed(os.path.join(OUT, "pil_resize.npz"), **arrays)


class TinyNet(nn.Module):
    """conv(3->4,3x3) relu -> maxpool 2 -> conv(4->8,3x3,s2) relu -> fc(8*8*8 -> 10) at 32 px."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 4, 3, padding=1)
        self.conv2 = nn.Conv2d(4, 8, 3, stride=1, padding=1)
        self.fc = nn.Linear(8 * 16 * 16 // 4, 10)

    def taps(self, x) -> Dict[str, torch.Tensor]:
        c1 = F.relu(self.conv1(x))
        p1 = F.max_pool2d(c1, 2)
        c2 = F.relu(self.conv2(p1))
        fc = self.fc(torch.flatten(F.max_pool2d(c2, 2), 1))
        return {"conv1": c1, "pool1": p1, "conv2": c2, "fc": fc}


class DictNet(TinyNet):
    def forward(self, x) -> Dict[str, torch.Tensor]:
        return self.taps(x)


class TensorNet(TinyNet):
    def forward(self, x):
        return torch.relu(self.conv1(x))


class ActivationsNet(TinyNet):
    def forward(self, x):
        return self.taps(x)["fc"]

    @torch.jit.export
    def activations(self, x) -> Dict[str, torch.Tensor]:
        return self.taps(x)


class StochasticNet(TinyNet):
    def forward(self, x) -> Dict[str, torch.Tensor]:
        c1 = F.relu(self.conv1(x))
        return {"noisy": c1 + torch.randn_like(c1)}


class NestedNet(TinyNet):
    def forward(self, x) -> Dict[str, Dict[str, torch.Tensor]]:
        return {"block": {"conv1": self.conv1(x)}}


class NonTensorNet(TinyNet):
    def forward(self, x) -> Dict[str, int]:
        return {"size": x.size(2)}


class Stem(nn.Module):
    """A torchvision-style model (attribute names like ResNet) for export_torchscript.py."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 6, 5, stride=2, padding=2, bias=False)
        self.bn1 = nn.BatchNorm2d(6)
        self.relu = nn.ReLU()
        self.layer1 = nn.Sequential(nn.Conv2d(6, 6, 3, padding=1), nn.ReLU())
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(6, 5)

    def forward(self, x):
        x = self.layer1(self.relu(self.bn1(self.conv1(x))))
        return self.fc(torch.flatten(self.avgpool(x), 1))


def seeded(cls, seed):
    torch.manual_seed(seed)
    m = cls().eval()
    with torch.no_grad():  # non-trivial batch-norm statistics
        for mod in m.modules():
            if isinstance(mod, nn.BatchNorm2d):
                mod.running_mean.uniform_(-0.2, 0.2)
                mod.running_var.uniform_(0.5, 1.5)
    return m


def meta(taps, v1=None, trials=1):
    d = {"inputSize": SIZE, "mean": list(MEAN), "std": list(STD), "visualDegrees": 8.0, "taps": taps, "trials": trials}
    if v1:
        d["v1Layer"] = v1
    return json.dumps(d)


def save(module, name, extra=None):
    path = os.path.join(OUT, name)
    torch.jit.save(module, path, _extra_files={"striate.json": extra} if extra else {})
    return path


def torchscript_fixtures():
    rng = np.random.default_rng(7)
    images = np.stack([smooth_image(rng, 48, 40) for _ in range(3)])  # 3 x 48 x 40 x 3 uint8
    tv = transforms.Compose([transforms.Resize((SIZE, SIZE)), transforms.ToTensor(), transforms.Normalize(MEAN, STD)])
    x = torch.stack([tv(Image.fromarray(im, "RGB")) for im in images])
    ref = {"images": images, "input": x.numpy()}

    dict_net = torch.jit.script(seeded(DictNet, 1))
    save(dict_net, "tiny_dict.pt", meta(["conv1", "pool1", "conv2"], v1="conv1"))
    tensor_net = torch.jit.script(seeded(TensorNet, 1))
    save(tensor_net, "tiny_tensor.pt")
    act_net = torch.jit.script(seeded(ActivationsNet, 1))
    save(act_net, "tiny_activations.pt", meta(["conv1", "conv2"]))
    fx = export(seeded(Stem, 3), ["relu", "layer1"], os.path.join(OUT, "tiny_fx.pt"), input_size=SIZE,
                mean=MEAN, std=STD, v1_layer="layer1")
    stochastic = torch.jit.script(seeded(StochasticNet, 1))
    save(stochastic, "tiny_stochastic.pt", meta(["noisy"], trials=4))
    with torch.no_grad():
        for k, v in dict_net(x).items():
            ref[f"dict_{k}"] = v.numpy()
        ref["tensor_output"] = tensor_net(x).numpy()
        for k, v in act_net.activations(x).items():
            ref[f"activations_{k}"] = v.numpy()
        for k, v in fx(x).items():
            ref[f"fx_{k}"] = v.numpy()
        ref["stochastic_mean"] = F.relu(stochastic.conv1(x)).numpy()  # the noise has mean 0
    np.savez_compressed(os.path.join(OUT, "tiny_reference.npz"), **ref)

    # negatives
    torch.save(seeded(DictNet, 1).state_dict(), os.path.join(OUT, "neg_state_dict.pt"))
    save(torch.jit.script(seeded(NestedNet, 1)), "neg_nested_dict.pt")
    save(torch.jit.script(seeded(NonTensorNet, 1)), "neg_non_tensor.pt")
    unknown_op(os.path.join(OUT, "tiny_tensor.pt"), os.path.join(OUT, "neg_unknown_op.pt"))


def unknown_op(src, dst):
    """Copies a TorchScript archive, replacing torch.relu by an operator no libtorch registers."""
    replaced = 0
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_STORED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.endswith(".debug_pkl"):
                continue  # source ranges would no longer match
            if item.filename.endswith(".py") and b"torch.relu(" in data:
                data = data.replace(b"torch.relu(", b"ops.striate_missing.gabor(")
                replaced += 1
            zout.writestr(item, data)
    assert replaced, "no torch.relu call found to replace"
    try:
        torch.jit.load(dst)
    except RuntimeError as e:
        print("neg_unknown_op.pt fails to load as intended:", str(e).splitlines()[0])
    else:
        raise AssertionError("neg_unknown_op.pt loaded")


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(0)
    pil_resize_fixture()
    torchscript_fixtures()
    for f in sorted(os.listdir(OUT)):
        print(f, os.path.getsize(os.path.join(OUT, f)))
