"""The ``striate`` command line: export, submit, scores, compare, activations."""
import argparse
import sys

from striate import export as export_module


def parser():
    p = argparse.ArgumentParser(prog="striate", description="Striate client: score vision models against V1 data")
    sub = p.add_subparsers(dest="command", required=True)
    e = sub.add_parser("export", help="export a PyTorch model as a Striate TorchScript file (needs torch)")
    export_module.add_arguments(e)
    e.set_defaults(func=export_module.run)
    return p


def main(argv=None):
    a = parser().parse_args(argv)
    return a.func(a)
