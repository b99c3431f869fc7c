#!/usr/bin/python3
"""PyTorch side of BlockTimingsBench for the VOneBlock: VOneNet's forward (two full 3-channel Gabor convolutions,
simple/complex cells, gain) on 1x3x224x224, one thread, median of 30 runs, with real Gabor weights (which contain
float32 denormals, as VOneNet's do) and with denormals flushed (torch.set_flush_denormal(True)).

Usage: /usr/bin/python3 tools/block_bench.py
"""
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(__file__))
from block_fixtures import bank  # noqa: E402

torch.set_num_threads(1)


def main():
    g = np.random.default_rng(0)
    n, simple, size, degrees, ks, stride = 512, 256, 224, 8.0, 25, 4
    ppd = size / degrees
    sf = 2 ** g.uniform(np.log2(0.5), np.log2(8), n) / ppd
    nx = 10 ** g.uniform(-1, 0.2, n)
    ny = 10 ** g.uniform(-1, 0.2, n)
    theta, phase, channel = g.uniform(0, np.pi, n), g.uniform(0, 2 * np.pi, n), g.integers(0, 3, n)
    q0 = bank(sf, theta, nx / sf, ny / sf, phase, channel, 3, ks)
    q1 = bank(sf, theta, nx / sf, ny / sf, phase + np.pi / 2, channel, 3, ks)
    x = torch.rand(1, 3, size, size)
    denormal = ((q0 != 0) & (q0.abs() < np.finfo(np.float32).tiny)).float().mean().item()

    def vone():
        s0 = F.conv2d(x, q0, None, stride, ks // 2)
        s1 = F.conv2d(x, q1, None, stride, ks // 2)
        c = torch.sqrt(s0[:, simple:] ** 2 + s1[:, simple:] ** 2) / math.sqrt(2)
        return F.relu(25 * torch.cat((F.relu(s0[:, :simple]), c), 1))

    print(f'torch {torch.__version__}, 1 thread, denormal weights: {denormal:.4%}')
    for flush in (False, True):
        torch.set_flush_denormal(flush)
        with torch.no_grad():
            for _ in range(5):
                vone()
            ts = []
            for _ in range(30):
                t = time.perf_counter()
                vone()
                ts.append(time.perf_counter() - t)
        print(f'VOneNet forward 256+256 on 1x3x224x224, flush_denormal={flush}: median {np.median(ts) * 1e3:.2f} ms')


if __name__ == '__main__':
    main()
