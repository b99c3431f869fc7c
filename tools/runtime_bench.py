#!/usr/bin/env python3
"""PyTorch side of RuntimeThroughputBench: images/s of a TorchScript file, same protocol as the Java bench.

  python3 tools/runtime_bench.py make-resnet18 OUT.pt        # torchvision resnet18, random weights (seed 0), 224 px
  python3 tools/runtime_bench.py time MODEL.pt --size 224 --batch 16 --iters 10 --threads 1 [--end-to-end]

  python3 tools/runtime_bench.py time-vone --batch 8 --iters 4 --threads 1

"time-vone" times VOneNet's front end as VOneNet runs it in PyTorch (eager): two 3->512 Gabor convolutions 25x25,
stride 4, padding 12 at 224 px (quadrature pair q0/q1), simple = ReLU(q0[:256]), complex = |(q0,q1)[256:]|/sqrt 2,
x k_exc, ReLU - the computation of Striate's vone-v1 spec (noise off). Filter values do not affect the time.
"time" prints one JSON line: {"images_per_s": ..., "torch": "...", "threads": N}. With --end-to-end every batch is
built from uint8 images of 256x256 by PIL resize -> ToTensor -> Normalize (Brain-Score's preprocessing), as the Java
DjlBrainModel does; without it the same pre-made float batch is fed each time.
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch


def make_resnet18(out):
    sys.path.insert(0, os.path.dirname(__file__))
    from export_torchscript import export
    import torchvision
    torch.manual_seed(0)
    export(torchvision.models.resnet18(), ["layer1", "fc"], out, input_size=224, v1_layer="layer1")


def time_model(a):
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    model = torch.jit.load(a.model).eval()
    rng = np.random.default_rng(0)
    images = [rng.integers(0, 256, size=(256, 256, 3), dtype=np.uint8) for _ in range(a.batch)]
    from PIL import Image
    from torchvision import transforms
    tf = transforms.Compose([transforms.Resize((a.size, a.size)), transforms.ToTensor(),
                             transforms.Normalize((0.485, 0.456, 0.406), (0.229, 0.224, 0.225))])
    fixed = torch.stack([tf(Image.fromarray(im)) for im in images])

    def batch():
        if a.end_to_end:
            return torch.stack([tf(Image.fromarray(im)) for im in images])
        return fixed

    with torch.inference_mode():
        for _ in range(a.warmup):
            out = model(batch())
        t0 = time.perf_counter()
        for _ in range(a.iters):
            out = model(batch())
            for v in (out.values() if isinstance(out, dict) else [out]):
                v.numpy()  # the Java side copies every returned tap off the device too
        dt = time.perf_counter() - t0
    print(json.dumps({"images_per_s": a.iters * a.batch / dt, "torch": torch.__version__, "threads": a.threads}))


class VOneFrontEnd(torch.nn.Module):
    """VOneNet's GFB + VOneBlock arithmetic (Dapello et al. 2020), random filters of the real shapes."""

    def __init__(self, simple=256, complex_=256, ks=25, stride=4):
        super().__init__()
        g = torch.Generator().manual_seed(0)
        n = simple + complex_
        self.q0 = torch.nn.Parameter(torch.randn(n, 3, ks, ks, generator=g), requires_grad=False)
        self.q1 = torch.nn.Parameter(torch.randn(n, 3, ks, ks, generator=g), requires_grad=False)
        self.simple, self.stride, self.pad, self.k_exc = simple, stride, ks // 2, 25.0

    def forward(self, x):
        s0 = torch.nn.functional.conv2d(x, self.q0, None, self.stride, self.pad)
        s1 = torch.nn.functional.conv2d(x, self.q1, None, self.stride, self.pad)
        simple = torch.relu(s0[:, :self.simple])
        complex_ = torch.sqrt(s0[:, self.simple:] ** 2 + s1[:, self.simple:] ** 2) / 2 ** 0.5
        return torch.relu(self.k_exc * torch.cat((simple, complex_), 1))


def time_vone(a):
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    model = VOneFrontEnd().eval()
    x = torch.randn(a.batch, 3, 224, 224, generator=torch.Generator().manual_seed(1))
    with torch.inference_mode():
        for _ in range(a.warmup):
            model(x)
        t0 = time.perf_counter()
        for _ in range(a.iters):
            model(x).numpy()
        dt = time.perf_counter() - t0
    print(json.dumps({"images_per_s": a.iters * a.batch / dt, "torch": torch.__version__, "threads": a.threads}))


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("make-resnet18")
    m.add_argument("out")
    t = sub.add_parser("time")
    t.add_argument("model")
    t.add_argument("--size", type=int, default=224)
    t.add_argument("--batch", type=int, default=16)
    t.add_argument("--iters", type=int, default=10)
    t.add_argument("--warmup", type=int, default=3)
    t.add_argument("--threads", type=int, default=1)
    t.add_argument("--end-to-end", action="store_true")
    v = sub.add_parser("time-vone")
    v.add_argument("--batch", type=int, default=8)
    v.add_argument("--iters", type=int, default=4)
    v.add_argument("--warmup", type=int, default=1)
    v.add_argument("--threads", type=int, default=1)
    a = p.parse_args()
    if a.cmd == "time-vone":
        time_vone(a)
    elif a.cmd == "make-resnet18":
        make_resnet18(a.out)
    else:
        time_model(a)


if __name__ == "__main__":
    main()
