#!/usr/bin/env python3
"""Export a torchvision-style PyTorch model as a Striate TorchScript submission.

The exported module's ``forward(x)`` returns ``Dict[str, Tensor]``: one entry per requested tap (a node name
of the model's FX graph, e.g. ``layer1`` or ``features.2``), built with
``torchvision.models.feature_extraction.create_feature_extractor``. The model is scripted
(``torch.jit.script``); where scripting fails it is traced (``torch.jit.trace(..., strict=False)``).
The input specification Striate needs is written into the archive as ``extra/striate.json``::

    {"inputSize": 224, "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225],
     "visualDegrees": 8, "taps": ["layer1", "layer2"], "v1Layer": "layer1", "trials": 1}

Usage (command line)::

    python3 tools/export_torchscript.py --model torchvision.models:resnet18 --pretrained \\
        --taps layer1 layer2 --v1-layer layer1 --input-size 224 --out resnet18.pt

    # your own model: a module path and a zero-argument factory
    python3 tools/export_torchscript.py --model mypackage.nets:build_model --taps stem.relu block1 --out my.pt

Usage (from Python)::

    from export_torchscript import export
    export(model, taps=["layer1"], out="model.pt", input_size=224)

Check what Striate will see with ``torch.jit.load("model.pt")(x)`` and, after upload, compare it with the
``/activations`` endpoint (it returns the same taps as ``.npz``).
Only standard ATen operators are allowed (no custom C++ ops); the model is saved on the CPU.
"""
import argparse
import importlib
import json
import sys

import torch

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


def metadata(taps, input_size, mean, std, visual_degrees=8.0, v1_layer=None, trials=1):
    """The ``extra/striate.json`` document (keys as Striate's ModelMetadata)."""
    meta = {"inputSize": int(input_size), "mean": [float(m) for m in mean], "std": [float(s) for s in std],
            "visualDegrees": float(visual_degrees), "taps": list(taps), "trials": int(trials)}
    if v1_layer is not None:
        meta["v1Layer"] = v1_layer
    return meta


def wrap(model, taps):
    """A module whose forward returns {tap: tensor} for the given FX node names."""
    from torchvision.models.feature_extraction import create_feature_extractor
    return create_feature_extractor(model, return_nodes={t: t for t in taps})


def export(model, taps, out, input_size=224, mean=IMAGENET_MEAN, std=IMAGENET_STD, visual_degrees=8.0,
           v1_layer=None, trials=1, mode="auto"):
    """Wraps ``model`` with named taps, scripts (or traces) it and saves it with ``extra/striate.json``.

    :param mode: "script", "trace" or "auto" (script, falling back to trace)
    :return: the saved ScriptModule
    """
    model = model.eval().cpu()
    extractor = wrap(model, taps).eval()
    example = torch.zeros(1, 3, input_size, input_size)
    scripted = None
    if mode in ("auto", "script"):
        try:
            scripted = torch.jit.script(extractor)
        except Exception as e:  # noqa: BLE001 - fall back to tracing
            if mode == "script":
                raise
            print(f"scripting failed ({type(e).__name__}: {e}); tracing instead", file=sys.stderr)
    if scripted is None:
        with torch.no_grad():
            scripted = torch.jit.trace(extractor, example, strict=False)
    with torch.no_grad():
        outputs = scripted(example)
    missing = [t for t in taps if t not in outputs]
    if missing:
        raise ValueError(f"taps missing from the output: {missing}")
    meta = metadata(taps, input_size, mean, std, visual_degrees, v1_layer, trials)
    torch.jit.save(scripted, out, _extra_files={"striate.json": json.dumps(meta)})
    return scripted


def _factory(spec):
    module_name, _, attr = spec.partition(":")
    return getattr(importlib.import_module(module_name), attr)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", required=True, help="module:factory, e.g. torchvision.models:resnet18")
    p.add_argument("--pretrained", action="store_true", help="pass weights='DEFAULT' to a torchvision factory")
    p.add_argument("--taps", nargs="+", required=True, help="FX node names to expose")
    p.add_argument("--out", required=True)
    p.add_argument("--input-size", type=int, default=224)
    p.add_argument("--mean", type=float, nargs=3, default=IMAGENET_MEAN)
    p.add_argument("--std", type=float, nargs=3, default=IMAGENET_STD)
    p.add_argument("--visual-degrees", type=float, default=8.0)
    p.add_argument("--v1-layer")
    p.add_argument("--trials", type=int, default=1, help="forward passes averaged per image (stochastic models)")
    p.add_argument("--mode", choices=["auto", "script", "trace"], default="auto")
    p.add_argument("--seed", type=int, default=0, help="seed for randomly initialised weights")
    a = p.parse_args(argv)
    torch.manual_seed(a.seed)
    factory = _factory(a.model)
    model = factory(weights="DEFAULT") if a.pretrained else factory()
    export(model, a.taps, a.out, a.input_size, a.mean, a.std, a.visual_degrees, a.v1_layer, a.trials, a.mode)
    print(f"wrote {a.out} with taps {a.taps}")


if __name__ == "__main__":
    main()
