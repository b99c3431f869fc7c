"""The export tool on research code FX cannot trace (run: cd clients/python && /usr/bin/python3 -m unittest).

The fixtures imitate the seed repository's modules: a polar pooling whose forward unpacks ``x.size()`` and loops over
sub-batches of 32 (gpogoncheff/explaining_v1 PolarTransform), and a locally connected layer built on ``unfold``.
"""
import io
import json
import os
import sys
import tempfile
import unittest

import torch
from torch import nn

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from striate.export import export  # noqa: E402
from striate.hooks import HookExtractor, baked_batch_sizes  # noqa: E402


class SubBatchPooling(nn.Module):
    """Average pooling over 2×2 blocks computed in sub-batches, as the seed's PolarTransform."""

    def __init__(self, subbatch_size=32):
        super().__init__()
        self.subbatch_size = subbatch_size

    def forward(self, x):
        n, c, h, w = x.size()
        if h % 2:  # data-dependent Python control flow: FX cannot trace it
            x = x[:, :, :-1]
        out = []
        for i in range(0, n, self.subbatch_size):
            out.append(nn.functional.avg_pool2d(x[i:i + self.subbatch_size], 2))
        return torch.cat(out)


class Unfolded(nn.Module):
    """A locally connected 3×3 layer: unshared weights per output position (the seed's LocallyConnected2d)."""

    def __init__(self, c, o, size):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(1, o, c, size, size, 9) * 0.1)

    def forward(self, x):
        x = nn.functional.pad(x, (1, 1, 1, 1))
        _, c, h, w = x.size()
        x = x.unfold(2, 3, 1).unfold(3, 3, 1)
        x = x.contiguous().view(*x.size()[:-2], -1)
        return (x.unsqueeze(1) * self.weight).sum([2, -1])


class Research(nn.Module):
    def __init__(self, subbatch_size=32):
        super().__init__()
        self.stem = nn.Conv2d(3, 4, 3, padding=1)
        self.pool = SubBatchPooling(subbatch_size)
        self.local = Unfolded(4, 4, 8)
        self.relu = nn.ReLU()

    def forward(self, x):
        return self.relu(self.local(self.pool(self.stem(x))))


class ExportFallbackTest(unittest.TestCase):
    def setUp(self):
        torch.manual_seed(0)

    def test_fx_fails_and_hooks_export_the_named_submodules(self):
        model = Research().eval()
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "research.pt")
            report = export(model, ["pool", "local"], out, input_size=16, mean=(0.5,) * 3, std=(0.5,) * 3)
            self.assertEqual(report["path"], "hooks")
            self.assertTrue(report["fxError"])
            extra = {"striate.json": ""}
            loaded = torch.jit.load(out, _extra_files=extra)
            self.assertEqual(json.loads(extra["striate.json"])["taps"], ["pool", "local"])
            x = torch.rand(3, 3, 16, 16)
            with torch.no_grad():
                got = loaded(x)
                pooled = model.pool(model.stem(x))
                ref = {"pool": pooled, "local": model.local(pooled)}
            for tap in ("pool", "local"):
                self.assertTrue(torch.allclose(got[tap], ref[tap], atol=1e-6), tap)
            # the sub-batch loop of 32 was unrolled for the example batch: batch 33 loses its last image
            self.assertEqual(set(report["bakedBatchSizes"]), {33})

    def test_a_sub_batch_loop_baked_into_the_trace_is_reported(self):
        model = Research(subbatch_size=1).eval()  # the trace at batch 1 unrolls the loop once
        with tempfile.TemporaryDirectory() as d:
            report = export(model, ["local"], os.path.join(d, "baked.pt"), input_size=16)
        self.assertEqual(report["path"], "hooks")
        self.assertIn(2, report["bakedBatchSizes"])

    def test_fx_traceable_models_keep_the_fx_path(self):
        model = nn.Sequential(nn.Conv2d(3, 4, 3), nn.ReLU()).eval()
        with tempfile.TemporaryDirectory() as d:
            report = export(model, ["1"], os.path.join(d, "plain.pt"), input_size=16)
        self.assertEqual(report["path"], "fx")
        self.assertEqual(report["bakedBatchSizes"], {})

    def test_unknown_taps_name_the_submodules(self):
        with self.assertRaises(ValueError) as e:
            HookExtractor(Research(), ["nope"])
        self.assertIn("local", str(e.exception))


if __name__ == "__main__":
    unittest.main()
