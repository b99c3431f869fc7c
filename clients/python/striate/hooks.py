"""Tap extraction for research code that FX cannot trace.

``create_feature_extractor`` traces the model symbolically (torch.fx) and fails on data-dependent Python such as
``n, c, h, w = x.size()`` followed by a loop over ``range(0, n, k)`` (the seed's PolarTransform) or ``x.unfold`` on
shapes (LocallyConnected2d). :class:`HookExtractor` needs no symbolic trace: it registers forward hooks on the named
submodules, runs the model eagerly and returns ``{tap: output}``, so ``torch.jit.trace`` of it records exactly the
operations that ran. Tracing freezes Python control flow, so :func:`baked_batch_sizes` compares the traced module with
the eager model at other batch sizes and reports where they disagree (e.g. a sub-batch loop unrolled for the example
batch).
"""
import torch
from torch import nn

#: batch sizes compared after tracing: a second small batch, and one past the common sub-batch size of 32
CHECK_BATCH_SIZES = (2, 33)
#: relative tolerance of the traced-vs-eager comparison
TRACE_TOLERANCE = 1e-4


class HookExtractor(nn.Module):
    """forward(x) → {tap: output of the submodule named tap} via forward hooks (names as in ``named_modules()``)."""

    def __init__(self, model, taps):
        super().__init__()
        modules = dict(model.named_modules())
        missing = [t for t in taps if t not in modules]
        if missing:
            raise ValueError(f"taps {missing} are not submodules of the model (named_modules(): "
                             f"{[n for n in modules if n][:20]} ...)")
        self.model = model
        self.taps = list(taps)
        self._outputs = {}
        for t in self.taps:
            modules[t].register_forward_hook(self._hook(t))

    def _hook(self, name):
        def hook(module, inputs, output):
            self._outputs[name] = output
        return hook

    def forward(self, x):
        self._outputs = {}
        self.model(x)
        return {t: self._outputs[t] for t in self.taps}


def extractor(model, taps):
    """(module returning {tap: tensor}, path): FX feature extraction where it works, else forward hooks."""
    try:
        from torchvision.models.feature_extraction import create_feature_extractor
        return create_feature_extractor(model, return_nodes={t: t for t in taps}), "fx", None
    except Exception as e:  # noqa: BLE001 - any FX failure falls back to hooks
        return HookExtractor(model, taps).eval(), "hooks", f"{type(e).__name__}: {e}"


def baked_batch_sizes(eager, traced, input_size, sizes=CHECK_BATCH_SIZES):
    """Batch sizes at which the traced module disagrees with the eager one: {batch: reason}."""
    problems = {}
    generator = torch.Generator().manual_seed(0)
    for n in sizes:
        x = torch.rand(n, 3, input_size, input_size, generator=generator)
        with torch.no_grad():
            want = eager(x)
            try:
                got = traced(x)
            except Exception as e:  # noqa: BLE001
                problems[n] = f"fails: {type(e).__name__}: {str(e).splitlines()[0]}"
                continue
        for tap, w in want.items():
            g = got[tap]
            if g.shape != w.shape:
                problems[n] = f"tap {tap} has shape {tuple(g.shape)} instead of {tuple(w.shape)}"
                break
            scale = float(w.abs().max()) or 1.0
            if float((g - w).abs().max()) > TRACE_TOLERANCE * scale:
                problems[n] = f"tap {tap} differs from the eager model"
                break
    return problems
