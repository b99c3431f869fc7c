#!/usr/bin/python3
"""A hostile TorchScript submission for testing the worker's time budget (issue 9): its ``forward`` answers at
once on an all-zero input (what a zeros-only preflight feeds) but spins forever inside the native forward on any
other input. Never upload it anywhere but a test instance.

    /usr/bin/python3 tools/spinning_model.py --out /tmp/spinning.pt

The archive follows tools/export_torchscript.py's contract: ``forward(x) -> Dict[str, Tensor]`` with one tap
``pixels`` and ``extra/striate.json`` (input 32 px, 8 degrees, v1Layer ``pixels``).
"""
import argparse
import json
from typing import Dict

import torch


class Spinning(torch.nn.Module):
    def forward(self, x: torch.Tensor) -> Dict[str, torch.Tensor]:
        total = x.abs().sum()
        acc = torch.zeros(1)
        # a tensor-valued loop condition keeps the loop in libtorch's interpreter: it never returns while any
        # input pixel is non-zero
        while bool(total > 0):
            acc = acc + 1.0
            if bool(acc < 0):
                break
        return {"pixels": x}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    torch.manual_seed(0)
    module = torch.jit.script(Spinning().eval())
    zeros = module(torch.zeros(1, 3, 32, 32))
    assert zeros["pixels"].shape == (1, 3, 32, 32)
    meta = {"inputSize": 32, "mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5], "visualDegrees": 8.0,
            "taps": ["pixels"], "v1Layer": "pixels", "trials": 1}
    torch.jit.save(module, args.out, _extra_files={"striate.json": json.dumps(meta)})
    print(f"wrote {args.out}: answers on zeros, spins on any other input")


if __name__ == "__main__":
    main()
