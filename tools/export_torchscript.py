#!/usr/bin/env python3
"""Thin wrapper kept for existing scripts: the TorchScript export now lives in the Python client,
``clients/python/striate/export.py`` (``pip install clients/python`` gives the ``striate export`` command).

    python3 tools/export_torchscript.py --model torchvision.models:resnet18 --pretrained \\
        --taps layer1 layer2 --v1-layer layer1 --input-size 224 --out resnet18.pt

``from export_torchscript import export, metadata, wrap`` keeps working for scripts under tools/.
"""
import os
import sys

try:
    import striate.export  # noqa: F401 - an installed client wins
except ImportError:
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "clients", "python"))

from striate.export import IMAGENET_MEAN, IMAGENET_STD, export, main, metadata, wrap  # noqa: E402,F401

if __name__ == "__main__":
    sys.exit(main())
