"""Tests that need no server: progress display, result objects, exit codes of unreachable servers."""
import io
import os
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))

from striate.cli import Progress, main  # noqa: E402
from striate.results import Comparison, Scores, Submission  # noqa: E402


class FakeTty(io.StringIO):
    def isatty(self):
        return True


def submission(state, percent, job_state="running"):
    return Submission({"id": 7, "state": state, "modelVersionId": 3, "jobs": [
        {"id": 1, "benchmarkId": "b1", "state": job_state, "stage": "metric", "percent": percent}]})


class ProgressTest(unittest.TestCase):
    def test_plain_lines_in_ci_one_per_change(self):
        out = io.StringIO()
        p = Progress(out)
        p(submission("running", 40))
        p(submission("running", 40))
        p(submission("succeeded", 100, "succeeded"))
        lines = out.getvalue().splitlines()
        self.assertEqual(2, len(lines))
        self.assertIn("submission 7 running  40% (0/1 jobs) b1: metric 40%", lines[0])
        self.assertNotIn("\r", out.getvalue())

    def test_bar_on_a_terminal(self):
        out = FakeTty()
        p = Progress(out)
        p(submission("running", 50))
        p(submission("succeeded", 100, "succeeded"))
        text = out.getvalue()
        self.assertTrue(text.startswith("\r[" + "#" * 15 + "-" * 15 + "]"))
        self.assertTrue(text.endswith("\n"))


class ResultsTest(unittest.TestCase):
    def test_comparison_markdown_and_verdict(self):
        row = {"id": "b1", "value": 0.6, "againstValue": 0.8, "delta": -0.2, "combinedError": 0.014,
               "direction": "worse"}
        c = Comparison({"verdict": "worse", "worse": ["b1"], "version": {"versionId": 2},
                        "against": {"versionId": 1}, "nodes": [], "benchmarks": [row]})
        self.assertTrue(c.regressed)
        self.assertIn("| benchmark | b1 | 0.6000 | 0.8000 | -0.2000 | 0.0140 | ❌ worse |", c.markdown())

    def test_scores_csv(self):
        s = Scores({"id": 1}, [{"id": 5, "scores": [{"benchmarkId": "b1", "ceiled": 0.5, "raw": 0.5,
                                                       "ceiling": 1.0, "error": None, "layer": "l"}]}])
        self.assertEqual("version,benchmark,ceiled,raw,ceiling,error,layer\n5,b1,0.5,0.5,1.0,,l\n", s.to_csv())


class ErrorsTest(unittest.TestCase):
    def test_unreachable_server_exits_2_with_a_hint(self):
        err = io.StringIO()
        old = sys.stderr
        sys.stderr = err
        try:
            code = main(["--url", "http://127.0.0.1:9", "scores", "1"])
        finally:
            sys.stderr = old
        self.assertEqual(2, code)
        self.assertIn("unreachable", err.getvalue())

    def test_module_runs_as_a_command(self):
        r = subprocess.run([sys.executable, "-m", "striate", "--help"], capture_output=True, text=True,
                           env=dict(os.environ, PYTHONPATH=os.path.join(HERE, "..")))
        self.assertEqual(0, r.returncode, r.stderr)
        for command in ("export", "submit", "scores", "compare", "activations"):
            self.assertIn(command, r.stdout)


if __name__ == "__main__":
    unittest.main()
