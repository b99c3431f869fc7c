"""Striate's Python client: submit a model, wait for its scores, compare versions, export TorchScript.

Standard library only (PyTorch is needed for :mod:`striate.export` alone, pandas for ``to_pandas()``)::

    from striate import Client
    c = Client("http://localhost:8080", token="st_...")
    sub = c.submit("model.pt", name="my-net", benchmarks=["v1"], wait=True)
    print(sub.state, c.scores(sub.model_id).to_pandas())
"""
__version__ = "0.1.0"

from striate.client import Client, StriateError  # noqa: E402
from striate.results import Comparison, Scores, Submission  # noqa: E402

__all__ = ["Client", "StriateError", "Submission", "Scores", "Comparison"]
