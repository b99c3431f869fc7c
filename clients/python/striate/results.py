"""Result objects: a submission, a model's scores, a comparison. Plain data, with ``to_pandas()`` when pandas is
installed (it is optional)."""


def _pandas():
    try:
        import pandas
    except ImportError:
        raise ImportError("to_pandas() needs pandas: pip install pandas") from None
    return pandas


class Submission:
    """A submission: ``state`` (queued, running, succeeded, failed, partially-failed, cancelled) and its jobs."""

    TERMINAL = ("succeeded", "failed", "partially-failed", "cancelled")

    def __init__(self, data):
        self.data = data

    id = property(lambda self: self.data["id"])
    state = property(lambda self: self.data["state"])
    version_id = property(lambda self: self.data["modelVersionId"])
    jobs = property(lambda self: self.data.get("jobs") or [])
    estimates = property(lambda self: self.data.get("estimates"))

    @property
    def finished(self):
        return self.state in self.TERMINAL

    @property
    def succeeded(self):
        return self.state == "succeeded"

    @property
    def percent(self):
        """Mean progress of the jobs, 0-100 (100 when there are none)."""
        return round(sum(j.get("percent", 0) for j in self.jobs) / len(self.jobs)) if self.jobs else 100

    def failures(self):
        return [(j["benchmarkId"], j.get("failure") or {}) for j in self.jobs if j["state"] == "failed"]

    def to_pandas(self):
        return _pandas().DataFrame(self.jobs)

    def __repr__(self):
        return f"Submission(id={self.id}, state={self.state!r}, jobs={len(self.jobs)})"


class Scores:
    """The scores of a model's versions: one row per (version, benchmark) and the score-tree values per version."""

    COLUMNS = ("version", "benchmark", "ceiled", "raw", "ceiling", "error", "layer")

    def __init__(self, model, versions):
        self.model = model
        self.versions = versions
        self.rows = [{"version": v["id"], "benchmark": s["benchmarkId"], "ceiled": s.get("ceiled"),
                      "raw": s.get("raw"), "ceiling": s.get("ceiling"), "error": s.get("error"),
                      "layer": s.get("layer")}
                     for v in versions for s in v.get("scores") or []]

    def to_pandas(self):
        return _pandas().DataFrame(self.rows, columns=list(self.COLUMNS))

    def to_csv(self):
        lines = [",".join(self.COLUMNS)]
        for r in self.rows:
            lines.append(",".join("" if r[c] is None else str(r[c]) for c in self.COLUMNS))
        return "\n".join(lines) + "\n"

    def __len__(self):
        return len(self.rows)


class Comparison:
    """A version against another: ``verdict`` (worse, better, same), the rows per benchmark and score-tree node."""

    def __init__(self, data):
        self.data = data

    verdict = property(lambda self: self.data["verdict"])
    worse = property(lambda self: self.data.get("worse") or [])
    better = property(lambda self: self.data.get("better") or [])
    version_id = property(lambda self: self.data["version"]["versionId"])
    against_id = property(lambda self: self.data["against"]["versionId"])

    @property
    def rows(self):
        return ([dict(r, kind="node") for r in self.data.get("nodes") or []]
                + [dict(r, kind="benchmark") for r in self.data.get("benchmarks") or []])

    @property
    def regressed(self):
        return self.verdict == "worse"

    def to_pandas(self):
        return _pandas().DataFrame(self.rows)

    def markdown(self):
        """A table for a CI job summary."""
        out = [f"Version {self.version_id} against {self.against_id}: **{self.verdict}**", "",
               "| | id | value | against | delta | ± combined error | |", "|---|---|---:|---:|---:|---:|---|"]
        for r in self.rows:
            mark = {"worse": "❌ worse", "better": "✅ better"}.get(r["direction"], "same")
            out.append(f"| {r['kind']} | {r['id']} | {r['value']:.4f} | {r['againstValue']:.4f} | "
                       f"{r['delta']:+.4f} | {r['combinedError']:.4f} | {mark} |")
        return "\n".join(out) + "\n"
