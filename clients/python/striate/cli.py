"""The ``striate`` command: export, submit, scores, compare, activations.

Exit codes: 0 success; 1 ``compare --fail-if-worse`` found a regression beyond the error; 2 errors (a refused
request, a failed submission, an unreachable server). Progress goes to stderr (a bar on a terminal, plain lines in
CI); results to stdout.
"""
import argparse
import json
import sys
import time

from striate import export as export_module
from striate.client import Client, StriateError

EXIT_OK, EXIT_WORSE, EXIT_ERROR = 0, 1, 2


class Progress:
    """Shows a submission's progress: a redrawn bar on a terminal, one plain line per change otherwise."""

    def __init__(self, stream=None, mode="auto"):
        self.stream = stream or sys.stderr
        self.bar = mode == "bar" or (mode == "auto" and self.stream.isatty())
        self.last = None

    def __call__(self, sub):
        running = [j for j in sub.jobs if j["state"] == "running"]
        done = sum(1 for j in sub.jobs if j["state"] in ("succeeded", "failed", "cancelled"))
        detail = ", ".join(f"{j['benchmarkId']}: {j.get('stage') or ''} {j.get('percent', 0)}%" for j in running[:2])
        queued = [j.get("queuePosition") for j in sub.jobs if j["state"] == "queued" and j.get("queuePosition")
                  is not None]
        if queued and not running:
            detail = f"queue position {min(queued)}"
        line = f"submission {sub.id} {sub.state} {sub.percent:3d}% ({done}/{len(sub.jobs)} jobs) {detail}".rstrip()
        if line == self.last:
            return
        self.last = line
        if self.bar:
            width = 30
            filled = int(width * sub.percent / 100)
            self.stream.write(f"\r[{'#' * filled}{'-' * (width - filled)}] {line[:100]:<100}")
            if sub.finished:
                self.stream.write("\n")
        else:
            self.stream.write(time.strftime("%H:%M:%S ") + line + "\n")
        self.stream.flush()


def _client(a):
    return Client(a.url, a.token)


def cmd_submit(a):
    c = _client(a)
    model = int(a.model) if a.model.isdigit() else a.model
    if a.dry_run:
        plan = c.submit(model, name=a.name, benchmarks=a.benchmarks, dry_run=True, visibility=a.visibility)
        print(json.dumps(plan, indent=2))
        return EXIT_OK
    progress = Progress(mode=a.progress) if a.wait else None
    sub = c.submit(model, name=a.name, benchmarks=a.benchmarks, wait=a.wait, timeout=a.timeout,
                   on_update=progress, visibility=a.visibility)
    est = sub.estimates or {}
    if est.get("totalSeconds") is not None:
        print(f"estimated {est['totalSeconds']:.0f} s for {est.get('totalImages')} images", file=sys.stderr)
    for bench, reason in (sub.data.get("skippedUnavailable") or {}).items():
        print(f"skipped {bench}: {reason}", file=sys.stderr)
    if a.json:
        print(json.dumps(sub.data, indent=2, default=str))
    else:
        print(f"submission {sub.id} {sub.state} (version {sub.version_id})")
        for bench, failure in sub.failures():
            print(f"  {bench} failed: {failure.get('kind')}: {failure.get('message')}")
    if a.wait and not sub.succeeded:
        return EXIT_ERROR
    return EXIT_OK


def cmd_scores(a):
    if a.model is None and a.version is None:
        print("striate: give a model id or --version", file=sys.stderr)
        return EXIT_ERROR
    scores = _client(a).scores(a.model, a.version)
    if a.json:
        print(json.dumps(scores.rows, indent=2))
    elif a.csv:
        sys.stdout.write(scores.to_csv())
    else:
        print(f"{'version':>8}  {'benchmark':<60} {'ceiled':>8} {'error':>8}  layer")
        for r in scores.rows:
            ceiled = "" if r["ceiled"] is None else f"{r['ceiled']:.4f}"
            error = "" if r["error"] is None else f"{r['error']:.4f}"
            print(f"{r['version']:>8}  {r['benchmark']:<60} {ceiled:>8} {error:>8}  {r['layer'] or ''}")
    return EXIT_OK


def cmd_compare(a):
    try:
        cmp = _client(a).compare(a.version, a.against)
    except StriateError as e:
        if a.fail_if_worse and e.code == "no-version-to-compare":
            # a model's first version has nothing to be worse than: the gate passes
            print(f"striate: nothing to compare with ({e.problem.get('detail')}); the gate passes", file=sys.stderr)
            return EXIT_OK
        raise
    if a.json:
        print(json.dumps(cmp.data, indent=2))
    else:
        print(cmp.markdown(), end="")
    if a.fail_if_worse and cmp.regressed:
        print(f"regression beyond the error: {', '.join(cmp.worse)}", file=sys.stderr)
        return EXIT_WORSE
    return EXIT_OK


def cmd_activations(a):
    data = _client(a).activations(a.version, a.images, out=a.out, taps=a.taps.split(",") if a.taps else None)
    print(f"wrote {a.out} ({len(data)} bytes, {len(a.images)} images)")
    return EXIT_OK


def parser():
    p = argparse.ArgumentParser(prog="striate", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--url", help="Striate's base URL (default $STRIATE_URL or http://localhost:8080)")
    p.add_argument("--token", help="API token (default $STRIATE_TOKEN)")
    sub = p.add_subparsers(dest="command", required=True)

    e = sub.add_parser("export", help="export a PyTorch model as a Striate TorchScript file (needs torch)")
    export_module.add_arguments(e)
    e.set_defaults(func=export_module.run)

    s = sub.add_parser("submit", help="upload a model (.pt or block-spec .json) or take a version id, and submit")
    s.add_argument("model", help="model.pt, spec.json, or an existing version id")
    s.add_argument("--name", help="model name (created when missing); required for files")
    s.add_argument("--benchmarks", nargs="+", default=["v1"], help="benchmark ids, score-tree nodes or 'v1'")
    s.add_argument("--visibility", choices=["public", "private"], default="public")
    s.add_argument("--wait", action="store_true", help="wait until scoring has finished (exit 2 if it failed)")
    s.add_argument("--timeout", type=int, default=6 * 3600, help="seconds to wait at most")
    s.add_argument("--dry-run", action="store_true", help="show what would run and the estimated time only")
    s.add_argument("--progress", choices=["auto", "bar", "plain"], default="auto")
    s.add_argument("--json", action="store_true", help="print the submission as JSON")
    s.set_defaults(func=cmd_submit)

    sc = sub.add_parser("scores", help="a model's scores")
    sc.add_argument("model", type=int, nargs="?", help="model id (optional with --version)")
    sc.add_argument("--version", type=int, help="only this version")
    fmt = sc.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true")
    fmt.add_argument("--csv", action="store_true")
    sc.set_defaults(func=cmd_scores)

    c = sub.add_parser("compare", help="compare a version with another; a CI gate with --fail-if-worse")
    c.add_argument("version", type=int)
    c.add_argument("--against", required=True, help="version id, NAME@latest or NAME@previous")
    c.add_argument("--fail-if-worse", action="store_true", help="exit 1 when anything dropped beyond its error")
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=cmd_compare)

    ac = sub.add_parser("activations", help="what Striate's runtime computes for your images (.npz)")
    ac.add_argument("version", type=int)
    ac.add_argument("images", nargs="+")
    ac.add_argument("-o", "--out", required=True)
    ac.add_argument("--taps", help="comma-separated taps (default: all)")
    ac.set_defaults(func=cmd_activations)
    return p


def main(argv=None):
    a = parser().parse_args(argv)
    try:
        return a.func(a)
    except StriateError as e:
        print(f"striate: {e}", file=sys.stderr)
        return EXIT_ERROR
    except (OSError, ValueError, TimeoutError) as e:
        print(f"striate: {e}", file=sys.stderr)
        return EXIT_ERROR
