#!/usr/bin/env python3
"""Reference specs and parity fixtures of the paper's models, from the seed repository's own modules.

Pogoncheff, Granley & Beyeler, "Explaining V1 properties with a biologically constrained deep learning
architecture" (NeurIPS 2023), code gpogoncheff/explaining_v1. This script imports the seed's PyTorch modules from a
checkout of that repository (never copied into Striate), and

1. translates each of the seed's models (composites a-g, the single-component ResNet-50s of models/composite.py and
   of models/center_surround.py, local_rf.py, cortical_magnification.py, and torchvision's plain ResNet-50, main.py's
   baseline) module by module into a
   Striate block spec whose layer names are the PyTorch module names, so `model.state_dict()` loads as it is:
   src/main/resources/specs/pogoncheff2023-<variant>.json (64 px input, mean = std = 0.5, V1 = layer1, the polar
   transform with the seed's float16 masks);
2. writes a parity fixture per model: hash-random weights for every state-dict entry up to layer1 (a formula the
   Java test reproduces bit for bit, so no 40 MB weights file is committed), one 64 px RGB image, and the seed
   module's own outputs (lpp/maxpool and layer1) for it: src/test/resources/fixtures/pogoncheff/<variant>.npz plus
   a manifest (entry name, shape, formula). Composite a also gets an LPP49 (Brain-Score plugin) variant: the seed's
   PolarTransform with the plugin's extra reflect pad along radii, checked the same way.

Run from the repository root with Debian's torch:
    git --git-dir=/work/.mirror/gpogoncheff+explaining_v1/repo archive HEAD | tar -x -C /tmp/explaining_v1
    /usr/bin/python3 tools/pogoncheff_reference.py --seed /tmp/explaining_v1
"""
import argparse
import json
import os
import sys

import numpy as np

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
SPECS = os.path.join(ROOT, "src", "main", "resources", "specs")
FIXTURES = os.path.join(ROOT, "src", "test", "resources", "fixtures", "pogoncheff")

VARIANTS = {
    "composite-a": ("resnet50_composite_a", "centre-surround (DoG), local RFs, tuned normalization and cortical "
                                            "magnification: the paper's best V1 model"),
    "composite-b": ("resnet50_composite_b", "local RFs, tuned normalization, cortical magnification"),
    "composite-c": ("resnet50_composite_c", "DoG, local RFs, cortical magnification (no normalization)"),
    "composite-d": ("resnet50_composite_d", "DoG, local RFs, tuned normalization (max-pool, no magnification)"),
    "composite-e": ("resnet50_composite_e", "tuned normalization, cortical magnification"),
    "composite-f": ("resnet50_composite_f", "local RFs, cortical magnification"),
    "composite-g": ("resnet50_composite_g", "local RFs, tuned normalization (max-pool)"),
    "tuned-norm": ("resnet50_tuned_norm", "tuned normalization only"),
    "div-norm": ("resnet50_div_norm", "divisive normalization (Cirincione et al.) only"),
}
# the seed's single-component models outside models/composite.py (main.py's --model_type), and its plain baseline
SINGLE = {
    "center-surround": ("center_surround", "resnet50_center_surround", "centre-surround (DoG) only: each layer1 "
                        "bottleneck's conv2 = 3x3 conv then a DoG layer"),
    "local-rf": ("local_rf", "resnet50_local_rf", "local RFs only: layer1.2.conv2 = dropout (identity when scoring) "
                 "then a locally connected 3x3 layer"),
    "cortical-magnification": ("cortical_magnification", "resnet50_cortical_magnification", "cortical magnification "
                               "only: polar pooling replaces the max-pool; an nn.Sequential, so its module names are "
                               "indices (0 = conv1, 3 = the polar transform, 4 = layer1)"),
    "resnet50": (None, "resnet50", "no component: torchvision's ResNet-50, the seed's baseline (main.py "
                 "--model_type resnet50)"),
}
PAPER = ("Pogoncheff, Granley & Beyeler, 'Explaining V1 properties with a biologically constrained deep learning "
         "architecture', NeurIPS 2023 (gpogoncheff/explaining_v1)")


# ---------------------------------------------------------------------------------------------------------------
# hash-random weights, reproduced exactly by PogoncheffParityTest (float64 arithmetic, then one cast to float32)

def formula(index, n, offset, scale):
    i = np.arange(n, dtype=np.uint64)
    h = (i * np.uint64(2654435761) + np.uint64(index) * np.uint64(40503) + np.uint64(12345)) % np.uint64(2 ** 32)
    u = h.astype(np.float64) / 2.0 ** 32
    return (offset + scale * (2.0 * u - 1.0)).astype(np.float32)


def recipe(name, shape, torch_module):
    """(offset, scale) of the formula for one entry, or None for derived buffers and counters (taken as they are)."""
    leaf = name.rsplit(".", 1)[-1]
    if leaf in ("kernel_dists", "channel_distances", "pooling_masks", "pooling_mask_counts", "num_batches_tracked",
                "x_coords", "y_coords"):
        return None
    if leaf == "bias" and "dog_conv" in name:
        return None  # frozen zero bias of a DoG without bias
    fan_in = int(np.prod(shape[1:])) if len(shape) > 1 else 1
    if leaf == "weight" and len(shape) == 6:  # locally connected (1, O, C, Ho, Wo, k*k)
        return 0.0, float(np.sqrt(6.0 / (shape[2] * shape[5])))
    if leaf == "weight" and len(shape) == 4:
        return 0.0, float(np.sqrt(6.0 / fan_in))
    if leaf == "weight":
        return 1.0, 0.2  # batch norm gamma
    if leaf == "bias":
        return 0.0, 0.1
    if leaf == "running_mean":
        return 0.0, 0.1
    if leaf == "running_var":
        return 1.0, 0.3
    if leaf in ("sigma1", "sigma2_scale"):
        return 1.5, 0.5
    if leaf == "total_scale":
        return 0.0, 2.0
    if leaf == "sigmas":
        return shape[0] / 8.0 + 0.5, 0.5
    if leaf in ("A",):
        return 0.5, 0.5
    if leaf in ("rho", "sigma"):
        return 1.5, 0.5
    if leaf == "theta":
        return np.pi, np.pi
    if leaf in ("v", "w"):
        return 1.0, 1.0
    raise SystemExit("no recipe for " + name)


# ---------------------------------------------------------------------------------------------------------------
# module → spec translation

def conv(name, m):
    assert m.dilation == (1, 1) and m.groups == 1 and m.kernel_size[0] == m.kernel_size[1]
    return {"type": "conv2d", "name": name, "outChannels": m.out_channels, "kernel": m.kernel_size[0],
            "stride": m.stride[0], "padding": m.padding[0], "bias": m.bias is not None}


def translate(name, m, seed_mods):
    """Spec layers for module m named `name` (a list: some modules become several layers)."""
    import torch.nn as nn
    DoG, LC, PT, OCI, DNC = seed_mods
    cls = type(m).__name__
    if isinstance(m, nn.Conv2d):
        return [conv(name, m)]
    if isinstance(m, nn.BatchNorm2d):
        return [{"type": "batchnorm", "name": name, "eps": m.eps}]
    if isinstance(m, nn.ReLU):
        return [{"type": "relu", "name": name}]
    if isinstance(m, nn.MaxPool2d):
        return [{"type": "maxpool", "name": name, "kernel": m.kernel_size, "stride": m.stride, "padding": m.padding}]
    if isinstance(m, (nn.Identity, nn.Dropout, nn.Dropout2d)):
        return []  # dropout is the identity when scoring (eval mode)
    if isinstance(m, nn.AdaptiveAvgPool2d):
        assert m.output_size in ((1, 1), 1)
        return [{"type": "globalavgpool", "name": name}]
    if isinstance(m, nn.Flatten):
        return [{"type": "flatten", "name": name}]
    if isinstance(m, nn.Linear):
        return [{"type": "linear", "name": name, "units": m.out_features}]
    if isinstance(m, nn.Sequential):
        layers = []
        for child_name, child in m.named_children():
            layers += translate(name + "." + child_name, child, seed_mods)
        return [{"type": "sequential", "name": name, "layers": layers}]
    if cls == "ConvDog":
        return [conv(name + ".conv", m.conv)] + translate(name + ".dog", m.dog, seed_mods)
    if isinstance(m, DoG):
        d = m.dog_conv
        assert d.stride == 1 and d.padding == d.k and d.groups == 1 and d.dilation == 1
        return [{"type": "dog", "name": name, "dogChannels": m.dog_channels, "halfWidth": d.k,
                 "bias": bool(d.bias.requires_grad)}]
    if isinstance(m, LC):
        w = m.weight.shape
        return [{"type": "locally-connected", "name": name, "outChannels": w[1], "kernel": m.kernel_size[0],
                 "stride": m.stride[0], "padding": m.padding[0], "bias": m.bias is not None}]
    if isinstance(m, OCI):
        return [{"type": "tuned-normalization", "name": name}]
    if isinstance(m, DNC):
        return [{"type": "divisive-normalization", "name": name, "kernel": m.gaussian_kernel_size}]
    if isinstance(m, PT):
        angles = np.asarray(m.angle_bins, dtype=np.float64)
        assert np.allclose(angles, np.linspace(0, 2 * np.pi, len(angles)))
        out_h, out_w = m.output_transform.size
        return [{"type": "cortical-magnification", "name": name,
                 "radiusBins": [int(r) if float(r).is_integer() else float(r) for r in m.radius_bins],
                 "angles": len(angles) - 1, "outputSize": [out_h, out_w],
                 "interpolation": m.interpolation or "none", "masks": "float16"}]
    if cls in ("Bottleneck", "BrainBottleneck", "BrainBottleneckLocal"):
        main = []
        for part in ("conv1", "bn1"):
            main += translate(name + "." + part, getattr(m, part), seed_mods)
        main.append({"type": "relu"})
        main += translate(name + ".conv2", m.conv2, seed_mods)
        main += translate(name + ".bn2", m.bn2, seed_mods)
        main.append({"type": "relu"})
        main += translate(name + ".conv3", m.conv3, seed_mods)
        main += translate(name + ".bn3", m.bn3, seed_mods)
        block = {"type": "residual", "name": name, "layers": main}
        if m.downsample is not None:
            block["shortcut"] = translate(name + ".downsample", m.downsample, seed_mods)[0]["layers"]
        out = [block]
        if hasattr(m, "dn"):
            out += translate(name + ".dn", m.dn, seed_mods)
        return out
    raise SystemExit("cannot translate " + name + ": " + cls)


def names(model):
    """(front-end module names conv1, bn1, relu, pool, V1 = layer1, next stage) of a ResNet or the seed's Sequential."""
    import torch.nn as nn
    if isinstance(model, nn.Sequential):
        return "0", "1", "2", "3", "4", "5"
    return "conv1", "bn1", "relu", "lpp" if getattr(model, "use_polar_transform", False) else "maxpool", "layer1", \
        "layer2"


def spec_of(variant, model, seed_mods, lpp49=False):
    import torch.nn as nn
    fn, what = VARIANTS[variant] if variant in VARIANTS else SINGLE[variant][1:]
    if isinstance(model, nn.Sequential):  # resnet50_cortical_magnification: children named 0..10
        layers = []
        for child_name, child in model.named_children():
            layers += translate(child_name, child, seed_mods)
        ignore = []
    else:
        layers, ignore = resnet_layers(model, seed_mods)
    v1, after = names(model)[4:]
    if lpp49:
        for layer in layers:
            if layer["type"] == "cortical-magnification":
                layer["radiusPadding"] = "reflect"
    name = "pogoncheff2023-" + variant + ("-lpp49" if lpp49 else "")
    where = "in models/composite.py" if variant in VARIANTS else (
        "in models/" + SINGLE[variant][0] + ".py" if SINGLE[variant][0] else "= torchvision.models.resnet50")
    return {
        "name": name,
        "description": (what + ". The paper's ResNet-50 (" + fn + " " + where + ") at 64 px, mean = std = "
                        "0.5, layer names = the PyTorch module names so a state_dict (.safetensors/.npz) uploads "
                        "as it is; V1 = " + (v1 if v1 == "layer1" else v1 + " (its layer1)") + ". " + ("Polar pooling as Brain-Score's "
                        "resnet50_primary_visual_cortex plugin (LPP49: radius axis reflect-padded too). " if lpp49
                        else "") + "Shipped untrained (seeded weights). " + PAPER),
        "input": {"size": 64, "mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5], "visualDegrees": 8},
        "seed": 0,
        "layers": layers,
        "taps": [v1, after],
        "v1Layer": v1,
        **({"ignoreWeights": ignore} if ignore else {}),
    }


def resnet_layers(model, seed_mods):
    """Spec layers of a ResNet with the seed's (or torchvision's) attribute names, and the entries it never runs."""
    import torch.nn as nn
    layers = translate("conv1", model.conv1, seed_mods) + translate("bn1", model.bn1, seed_mods)
    layers += translate("relu", model.relu, seed_mods)
    ignore = []
    if getattr(model, "use_polar_transform", False):
        layers += translate("lpp", model.lpp, seed_mods)
    else:
        layers += translate("maxpool", model.maxpool, seed_mods)
        if hasattr(model, "lpp"):
            ignore.append("lpp.")  # the seed builds its polar transform even when it does not use it
    for stage in ("layer1", "layer2", "layer3", "layer4"):
        layers += translate(stage, getattr(model, stage), seed_mods)
    assert isinstance(model.avgpool, nn.AdaptiveAvgPool2d) and model.avgpool.output_size in ((1, 1), 1)
    layers += [{"type": "globalavgpool", "name": "avgpool"}, {"type": "flatten", "name": "flatten"},
               {"type": "linear", "name": "fc", "units": model.fc.out_features}]
    return layers, ignore


# ---------------------------------------------------------------------------------------------------------------

def build(seed_dir, variant):
    import importlib
    sys.path.insert(0, seed_dir)
    if variant in VARIANTS:
        from models import composite
        return getattr(composite, VARIANTS[variant][0])()
    module, fn, _ = SINGLE[variant]
    if module is None:
        import torchvision
        return torchvision.models.resnet50()
    return getattr(importlib.import_module("models." + module), fn)()


def lpp49_forward(self, x):
    """The seed's PolarTransform.forward with Brain-Score's LPP49 change (reflect pad along radii as well)."""
    import torch
    n, c, h, w = x.size()
    out = torch.sum(torch.mul(x.unsqueeze(2), self.pooling_masks), dim=(-1, -2)) / self.pooling_mask_counts
    out = out.view(n, c, self.n_radii, self.n_angles)
    out = torch.nn.functional.pad(out, (0, 0, 1, 1), mode="reflect")
    out = torch.nn.functional.pad(out, (1, 1, 0, 0), mode="reflect")
    return self.output_transform(out)


def module_of(model, name):
    return dict(model.named_children())[name]


def fixture(variant, model, lpp49, image):
    import torch
    state = model.state_dict()
    conv1, bn1, relu, pool, v1, _ = names(model)
    prefix_ok = (conv1 + ".", bn1 + ".", "lpp.", pool + ".", v1 + ".")
    entries = []
    new_state = {}
    for index, (name, value) in enumerate(state.items()):
        if not name.startswith(prefix_ok):
            continue
        shape = list(value.shape)
        r = recipe(name, shape, model)
        entry = {"name": name, "shape": shape, "dtype": str(value.dtype).replace("torch.", "")}
        if r is None:
            entry["derived"] = True
        else:
            entry["index"] = index
            entry["offset"], entry["scale"] = r
            new_state[name] = torch.from_numpy(formula(index, int(np.prod(shape)), *r).reshape(shape))
        entries.append(entry)
    model.load_state_dict(new_state, strict=False)
    model.eval()
    if lpp49:
        type(module_of(model, "lpp")).forward = lpp49_forward
    x = (torch.from_numpy(image).permute(2, 0, 1).float().unsqueeze(0) / 255.0 - 0.5) / 0.5
    module = dict(model.named_children())
    with torch.no_grad():
        front = module[relu](module[bn1](module[conv1](x)))
        pooled = module[pool](front)
        layer1 = module[v1](pooled)
    arrays = {"input": x.numpy(), "pooled": pooled.numpy(), "layer1": layer1.numpy()}
    for e in entries:
        if e.get("derived"):
            key = "derived/" + e["name"].rsplit(".", 1)[-1]
            v = state[e["name"]].float().numpy()
            if key in arrays and not np.array_equal(arrays[key], v):
                key = "derived/" + e["name"]
            arrays[key] = v
            e["fixture"] = key
    return entries, arrays


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", required=True, help="checkout of gpogoncheff/explaining_v1 (its work tree)")
    args = parser.parse_args()
    import torch
    sys.path.insert(0, args.seed)
    from utils.DoG import DoGConv2DLayer
    from utils.LocallyConnected2d import LocallyConnected2d
    from utils.PolarTransform import PolarTransform
    from utils.DivisiveNormalization import OpponentChannelInhibition, DivisiveNormalizationCirincione
    seed_mods = (DoGConv2DLayer, LocallyConnected2d, PolarTransform, OpponentChannelInhibition,
                 DivisiveNormalizationCirincione)
    from PIL import Image
    rng = np.random.default_rng(2023)
    image = rng.integers(0, 256, size=(64, 64, 3), dtype=np.uint8)
    os.makedirs(FIXTURES, exist_ok=True)
    Image.fromarray(image).save(os.path.join(FIXTURES, "image.png"))
    manifest = {}
    original_forward = PolarTransform.forward
    for variant in list(VARIANTS) + list(SINGLE):
        for lpp49 in ((False, True) if variant == "composite-a" else (False,)):
            torch.manual_seed(0)
            model = build(args.seed, variant)
            spec = spec_of(variant, model, seed_mods, lpp49)
            with open(os.path.join(SPECS, spec["name"] + ".json"), "w") as f:
                json.dump(spec, f, indent=1)
                f.write("\n")
            entries, arrays = fixture(variant, model, lpp49, image)
            PolarTransform.forward = original_forward
            if variant not in ("composite-a",) or lpp49:
                arrays["layer1"] = arrays["layer1"][:, :64]  # a quarter of the channels keeps the fixture small
                arrays.pop("input")
            np.savez_compressed(os.path.join(FIXTURES, spec["name"] + ".npz"), **arrays)
            manifest[spec["name"]] = entries
            print(spec["name"], "layer1", arrays["layer1"].shape, "|layer1|max", float(np.abs(arrays["layer1"]).max()))
    with open(os.path.join(FIXTURES, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=0)
        f.write("\n")


if __name__ == "__main__":
    main()
