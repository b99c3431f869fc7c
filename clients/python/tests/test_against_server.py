"""The client and CLI against a running Striate (started by the Java test PythonClientIntegrationTest, which sets
STRIATE_URL and STRIATE_TOKEN; skipped when they are absent). The versions are block specs named ``test-…``: the
test server's benchmark ``test-named-score`` gives them the score their name carries (``score80`` → 0.80, error
0.01), so that one version can be made worse than the previous one."""
import json
import os
import struct
import subprocess
import sys
import tempfile
import unittest
import uuid
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = os.path.join(HERE, "..")
sys.path.insert(0, PACKAGE)

from striate import Client, StriateError  # noqa: E402

URL = os.environ.get("STRIATE_URL")
TOKEN = os.environ.get("STRIATE_TOKEN")
BENCHMARKS = ["test-named-score", "test-surround-probe"]


def spec(tag):
    return {"name": "test-" + tag, "input": {"size": 8, "mean": [0, 0, 0], "std": [1, 1, 1], "visualDegrees": 8},
            "layers": [{"type": "identity", "name": "pixels"}], "taps": ["pixels"]}


def png(path, size=16):
    """A grey RGB PNG written with zlib alone."""
    raw = b"".join(b"\x00" + bytes([128, 128, 128]) * size for _ in range(size))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def has_torch():
    try:
        import torch  # noqa: F401
        import torchvision  # noqa: F401
        return True
    except ImportError:
        return False


@unittest.skipUnless(URL and TOKEN, "STRIATE_URL and STRIATE_TOKEN are not set (run through mvn verify)")
class AgainstServerTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="striate-py-")
        cls.name = "py-gate-" + uuid.uuid4().hex[:8]
        cls.client = Client(URL, TOKEN)

    def cli(self, *args):
        env = dict(os.environ, PYTHONPATH=PACKAGE)
        r = subprocess.run([sys.executable, "-m", "striate", "--url", URL, "--token", TOKEN, *args],
                           capture_output=True, text=True, env=env, timeout=300)
        return r

    def write_spec(self, tag):
        path = os.path.join(self.dir, tag + ".json")
        with open(path, "w") as f:
            json.dump(spec(tag), f)
        return path

    def test_submit_wait_scores_compare_and_a_failing_gate(self):
        first = self.cli("submit", self.write_spec(self.name + "-a-score80"), "--name", self.name,
                         "--benchmarks", *BENCHMARKS, "--wait", "--progress", "plain", "--json")
        self.assertEqual(0, first.returncode, first.stderr)
        v1 = json.loads(first.stdout)["modelVersionId"]
        self.assertIn(" succeeded ", first.stderr)  # plain progress lines, not a bar: stderr is not a terminal
        self.assertNotIn("\r", first.stderr)

        # the Python API, on the same model
        sub = self.client.submit(self.write_spec(self.name + "-b-score60"), name=self.name, benchmarks=BENCHMARKS,
                                 wait=True, timeout=300)
        self.assertTrue(sub.succeeded, sub.data)
        v2 = sub.version_id
        # the test server's layer sweep runs first for a version without a committed V1 layer
        self.assertLessEqual({"test-named-score", "test-surround-probe"}, {j["benchmarkId"] for j in sub.jobs})

        model_id = self.client.version(v2)["modelId"]
        scores = self.client.scores(model_id)
        by = {(r["version"], r["benchmark"]): r["ceiled"] for r in scores.rows}
        self.assertEqual(0.80, by[(v1, "test-named-score")])
        self.assertEqual(0.60, by[(v2, "test-named-score")])
        csv = self.cli("scores", str(model_id), "--csv")
        self.assertEqual(0, csv.returncode, csv.stderr)
        self.assertIn(f"{v2},test-named-score,0.6,0.6,1.0,0.01,pixels", csv.stdout)
        try:
            import pandas  # noqa: F401
            frame = scores.to_pandas()
            self.assertEqual(len(scores.rows), len(frame))
            self.assertAlmostEqual(0.7, frame[frame.benchmark == "test-named-score"].ceiled.mean())
        except ImportError:
            pass

        gate = self.cli("compare", str(v2), "--against", self.name + "@previous", "--fail-if-worse")
        self.assertEqual(1, gate.returncode, gate.stdout + gate.stderr)
        self.assertIn("**worse**", gate.stdout)
        self.assertIn("| benchmark | test-named-score | 0.6000 | 0.8000 | -0.2000 | 0.0141 | ❌ worse |",
                      gate.stdout)
        self.assertIn("regression beyond the error: test-named-score", gate.stderr)

        cmp = self.client.compare(v1, self.name + "@latest")
        self.assertEqual("better", cmp.verdict)
        self.assertEqual(v2, cmp.against_id)

        # within the error (0.61 against 0.60): the gate passes
        third = self.cli("submit", self.write_spec(self.name + "-c-score61"), "--name", self.name,
                         "--benchmarks", *BENCHMARKS, "--wait", "--json")
        v3 = json.loads(third.stdout)["modelVersionId"]
        passing = self.cli("compare", str(v3), "--against", self.name + "@previous", "--fail-if-worse", "--json")
        self.assertEqual(0, passing.returncode, passing.stderr)
        self.assertEqual("same", json.loads(passing.stdout)["verdict"])

    def test_errors_exit_2_with_the_problem(self):
        failed = self.cli("submit", self.write_spec(self.name + "-broken"), "--name", self.name + "-broken",
                          "--benchmarks", "test-invalid-model", "--wait")
        self.assertEqual(2, failed.returncode, failed.stdout + failed.stderr)
        self.assertIn("failed", failed.stdout)
        self.assertIn("invalid-model", failed.stdout)

        unknown = self.cli("compare", "1", "--against", "nonsense")
        self.assertEqual(2, unknown.returncode)
        self.assertIn("invalid-against", unknown.stderr)
        self.assertIn("Hint:", unknown.stderr)

        bad_token = subprocess.run([sys.executable, "-m", "striate", "--url", URL, "--token", "stk_wrong",
                                    "submit", "1", "--benchmarks", "v1"], capture_output=True, text=True,
                                   env=dict(os.environ, PYTHONPATH=PACKAGE))
        self.assertEqual(2, bad_token.returncode)
        self.assertIn("401", bad_token.stderr)

        with self.assertRaises(StriateError) as e:
            self.client.submit(self.write_spec(self.name + "-x"), name=self.name + "-x", benchmarks=["NoSuch"])
        self.assertEqual("unknown-benchmark", e.exception.code)
        self.assertEqual("/benchmarks/0", e.exception.field)

    def test_dry_run_shows_estimates_and_creates_nothing(self):
        r = self.cli("submit", self.write_spec(self.name + "-dry"), "--name", self.name + "-dry", "--benchmarks",
                     "v1", "--dry-run")
        self.assertEqual(0, r.returncode, r.stderr)
        plan = json.loads(r.stdout)
        self.assertTrue(plan["dryRun"])
        self.assertIn("test-surround-probe", plan["wouldRun"])
        self.assertIn("unavailable", {b["status"] for b in plan["estimates"]["benchmarks"]})

    def test_export_upload_and_activations(self):
        out = os.path.join(self.dir, "tiny.pt")
        if has_torch():
            env = dict(os.environ, PYTHONPATH=PACKAGE + os.pathsep + HERE)
            exported = subprocess.run([sys.executable, "-m", "striate", "export", "--model", "tiny_net:build",
                                       "--taps", "conv1", "relu1", "--input-size", "16", "--out", out],
                                      capture_output=True, text=True, env=env, timeout=300)
            self.assertEqual(0, exported.returncode, exported.stderr)
            wrapper = subprocess.run([sys.executable, os.path.join(HERE, "..", "..", "..", "tools",
                                                                   "export_torchscript.py"),
                                      "--model", "tiny_net:build", "--taps", "relu1", "--input-size", "16",
                                      "--out", out + ".wrapper.pt"], capture_output=True, text=True, env=env,
                                     timeout=300)
            self.assertEqual(0, wrapper.returncode, wrapper.stderr)
            self.assertTrue(os.path.getsize(out + ".wrapper.pt") > 0)
        else:
            fixture = os.path.join(HERE, "..", "..", "..", "src", "test", "resources", "fixtures", "runtime",
                                   "tiny_fx.pt")
            with open(fixture, "rb") as src, open(out, "wb") as dst:
                dst.write(src.read())
        model = self.client.create_model(self.name + "-torch")
        version = self.client.upload(model["id"], out)
        self.assertEqual("torchscript", version["kind"])
        images = [os.path.join(self.dir, f"img{i}.png") for i in range(2)]
        for p in images:
            png(p)
        npz = os.path.join(self.dir, "out.npz")
        r = self.cli("activations", str(version["id"]), *images, "-o", npz)
        self.assertEqual(0, r.returncode, r.stderr)
        import zipfile
        with zipfile.ZipFile(npz) as z:
            names = set(z.namelist())
        self.assertIn("input.npy", names)
        self.assertTrue(len(names) >= 2, names)


if __name__ == "__main__":
    unittest.main()
