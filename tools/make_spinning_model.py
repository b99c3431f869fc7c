#!/usr/bin/python3
"""Writes src/test/resources/fixtures/hardening/spin_on_nonzero.pt: a TorchScript model that answers at once on an
all-zero input and spins (a scripted loop of N iterations, default 300 k) on anything else, the hostile model of issue #9 that passed a
preflight feeding zeros only. Taps: {"conv": (N, 4, 8, 8)}; metadata inputSize 8 in extra/striate.json."""
import json, os, sys
import torch

class SpinOnNonZero(torch.nn.Module):
    def __init__(self, iterations: int):
        super().__init__()
        self.conv = torch.nn.Conv2d(3, 4, 3, padding=1)
        self.iterations = iterations

    def forward(self, x):
        y = self.conv(x)
        if bool(x.abs().sum() > 0):
            acc = torch.zeros(1)
            for i in range(self.iterations):
                acc = acc + 1.0
            y = y + acc
        return {"conv": y}

def main(path, iterations):
    torch.manual_seed(0)
    m = torch.jit.script(SpinOnNonZero(iterations).eval())
    os.makedirs(os.path.dirname(path), exist_ok=True)
    meta = {"inputSize": 8, "mean": [0, 0, 0], "std": [1, 1, 1], "visualDegrees": 8, "taps": ["conv"]}
    torch.jit.save(m, path, _extra_files={"striate.json": json.dumps(meta)})

if __name__ == "__main__":
    # 300 k scripted iterations spin for seconds (tens on a loaded machine): far past the per-image limit of the
    # tests, short enough to free the inference thread soon
    main(sys.argv[1] if len(sys.argv) > 1 else "src/test/resources/fixtures/hardening/spin_on_nonzero.pt",
         int(sys.argv[2]) if len(sys.argv) > 2 else 300_000)
