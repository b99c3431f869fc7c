"""The HTTP client (standard library only): models, versions, submissions, scores, comparisons, activations."""
import json
import mimetypes
import os
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

from striate.results import Comparison, Scores, Submission

DEFAULT_WAIT = 60  # seconds per long poll; the server allows up to striate.limits.max-wait (120 s by default)


class StriateError(Exception):
    """A refused request: the server's RFC 9457 problem (``status``, ``code``, ``field``, ``hint``)."""

    def __init__(self, status, problem):
        self.status = status
        self.problem = problem if isinstance(problem, dict) else {"detail": str(problem)}
        self.code = self.problem.get("code")
        self.field = self.problem.get("field")
        self.hint = self.problem.get("hint")
        detail = self.problem.get("detail") or self.problem.get("title") or "request failed"
        text = f"{status} {self.code or ''}: {detail}".replace("  ", " ")
        if self.field:
            text += f" (field {self.field})"
        if self.hint:
            text += f". Hint: {self.hint}"
        super().__init__(text)


class Client:
    """``Client("http://localhost:8080", token)`` — the token needs scope ``submit`` to upload and submit.

    The URL and token default to the ``STRIATE_URL`` and ``STRIATE_TOKEN`` environment variables.
    """

    def __init__(self, url=None, token=None, timeout=180):
        self.url = (url or os.environ.get("STRIATE_URL") or "http://localhost:8080").rstrip("/")
        self.token = token if token is not None else os.environ.get("STRIATE_TOKEN")
        self.timeout = timeout

    # --- plumbing -----------------------------------------------------------------------------------------------
    def request(self, method, path, body=None, data=None, content_type=None, headers=None, timeout=None):
        """Sends one request; returns the decoded JSON (or raw bytes for non-JSON answers). Raises StriateError."""
        h = {"Accept": "application/json, application/problem+json, */*"}
        if self.token:
            h["Authorization"] = "Bearer " + self.token
        if body is not None:
            data = json.dumps(body).encode()
            content_type = "application/json"
        if content_type:
            h["Content-Type"] = content_type
        h.update(headers or {})
        req = urllib.request.Request(self.url + path, data=data, headers=h, method=method)
        try:
            with urllib.request.urlopen(req, timeout=timeout or self.timeout) as r:
                raw = r.read()
                kind = r.headers.get("Content-Type", "")
        except urllib.error.HTTPError as e:
            raw = e.read()
            try:
                problem = json.loads(raw)
            except ValueError:
                problem = {"detail": raw.decode(errors="replace")[:500] or e.reason}
            raise StriateError(e.code, problem) from None
        except urllib.error.URLError as e:
            raise StriateError(0, {"code": "unreachable", "detail": f"cannot reach {self.url}: {e.reason}",
                                   "hint": "check --url / STRIATE_URL and that Striate is running"}) from None
        if "json" in kind:
            return json.loads(raw) if raw else None
        return raw

    # --- models and versions ------------------------------------------------------------------------------------
    def create_model(self, name, visibility="public", description=""):
        """Registers a model, or returns the caller's existing model of that name."""
        try:
            return self.request("POST", "/api/v1/models", {"name": name, "visibility": visibility,
                                                            "description": description})
        except StriateError as e:
            if e.code == "model-name-taken" and e.problem.get("modelId"):
                return self.model(e.problem["modelId"])
            raise

    def model(self, model_id):
        return self.request("GET", f"/api/v1/models/{int(model_id)}")

    def version(self, version_id):
        """A version by id alone (the server redirects to its model)."""
        return self.request("GET", f"/api/v1/versions/{int(version_id)}")

    def upload(self, model_id, path, metadata=None):
        """Uploads a TorchScript file (multipart) or a block-spec JSON (``*.json``); returns the version."""
        if str(path).endswith(".json"):
            with open(path) as f:
                spec = json.load(f)
            body = spec if ("spec" in spec or "reference" in spec) else {"spec": spec}
            if metadata:
                body["metadata"] = metadata
            return self.request("POST", f"/api/v1/models/{int(model_id)}/versions", body)
        boundary = "striate-" + uuid.uuid4().hex
        with open(path, "rb") as f:
            parts = [(("file", os.path.basename(str(path))), f.read(), "application/octet-stream")]
        if metadata:
            parts.append((("metadata", None), json.dumps(metadata).encode(), "application/json"))
        return self.request("POST", f"/api/v1/models/{int(model_id)}/versions", data=_multipart(parts, boundary),
                            content_type="multipart/form-data; boundary=" + boundary, timeout=max(self.timeout, 600))

    # --- submissions --------------------------------------------------------------------------------------------
    def submit(self, model, name=None, benchmarks=("v1",), wait=False, timeout=3600, on_update=None,
               dry_run=False, idempotency_key=None, visibility="public"):
        """Submits a version for scoring and returns a :class:`Submission`.

        :param model: a version id (int), or a path to a TorchScript ``.pt`` / block-spec ``.json`` file, uploaded
                      as a new version of the model ``name`` (created when missing)
        :param wait: wait until every job has finished (long polls; ``on_update(submission)`` on each change)
        :param dry_run: only report what would run and the estimates (a dict); nothing is created
        """
        version_id = model if isinstance(model, int) else None
        if version_id is None:
            if not name:
                raise ValueError("name is required when submitting a file")
            m = self.create_model(name, visibility=visibility)
            version_id = self.upload(m["id"], model)["id"]
        body = {"modelVersionId": version_id, "benchmarks": list(benchmarks)}
        if dry_run:
            return self.request("POST", "/api/v1/submissions?dryRun=true", body)
        headers = {"Idempotency-Key": idempotency_key or str(uuid.uuid4())}
        sub = Submission(self.request("POST", "/api/v1/submissions", body, headers=headers))
        if on_update:
            on_update(sub)
        if not wait:
            return sub
        done = self.wait(sub.id, timeout=timeout, on_update=on_update)
        for key in ("estimates", "alreadyScored", "skippedUnavailable"):  # stated only in the answer to the POST
            done.data[key] = sub.data.get(key)
        return done

    def submission(self, submission_id, wait=None):
        query = f"?wait={int(wait)}s" if wait else ""
        timeout = (wait or 0) + self.timeout
        return Submission(self.request("GET", f"/api/v1/submissions/{int(submission_id)}{query}", timeout=timeout))

    def wait(self, submission_id, timeout=3600, on_update=None, poll=DEFAULT_WAIT):
        """Long-polls until the submission has finished (or ``timeout`` seconds pass: TimeoutError)."""
        deadline = time.monotonic() + timeout
        sub = self.submission(submission_id)
        while not sub.finished:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"submission {submission_id} still {sub.state} after {timeout} s")
            sub = self.submission(submission_id, wait=max(1, min(poll, int(left))))
            if on_update:
                on_update(sub)
        return sub

    # --- results ------------------------------------------------------------------------------------------------
    def scores(self, model_id=None, version_id=None):
        """The scores of a model's versions (or of one version) as :class:`Scores`."""
        if model_id is None:
            model_id = self.version(version_id)["modelId"]
        m = self.model(model_id)
        versions = [v for v in m.get("versions", []) if version_id is None or v["id"] == int(version_id)]
        return Scores(m, versions)

    def score_details(self, version_id, benchmark_id, model_id=None):
        """One score with its evidence (``details``: per-unit values, model and primate histograms, sweeps)."""
        model_id = model_id or self.version(version_id)["modelId"]
        return self.request("GET", f"/api/v1/models/{int(model_id)}/versions/{int(version_id)}/scores/"
                                   + urllib.parse.quote(benchmark_id, safe=""))

    def compare(self, version_id, against, model_id=None):
        """Compares a version with ``against`` (a version id, ``NAME@latest`` or ``NAME@previous``)."""
        model_id = model_id or self.version(version_id)["modelId"]
        q = urllib.parse.urlencode({"against": str(against)})
        return Comparison(self.request("GET", f"/api/v1/models/{int(model_id)}/versions/{int(version_id)}"
                                              f"/compare?{q}"))

    def activations(self, version_id, images, out=None, taps=None, model_id=None):
        """The activations Striate's runtime computes for ``images`` (paths), as ``.npz`` bytes (written to out)."""
        model_id = model_id or self.version(version_id)["modelId"]
        boundary = "striate-" + uuid.uuid4().hex
        parts = []
        for p in images:
            kind = mimetypes.guess_type(str(p))[0] or "application/octet-stream"
            with open(p, "rb") as f:
                parts.append((("images", os.path.basename(str(p))), f.read(), kind))
        q = "?" + urllib.parse.urlencode({"taps": ",".join(taps)}) if taps else ""
        data = self.request("POST", f"/api/v1/models/{int(model_id)}/versions/{int(version_id)}/activations{q}",
                            data=_multipart(parts, boundary), content_type="multipart/form-data; boundary=" + boundary,
                            headers={"Accept": "application/octet-stream, application/problem+json"})
        if out:
            with open(out, "wb") as f:
                f.write(data)
        return data


def _multipart(parts, boundary):
    out = []
    for (name, filename), payload, kind in parts:
        disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
        out.append(f"--{boundary}\r\nContent-Disposition: {disposition}\r\nContent-Type: {kind}\r\n\r\n".encode())
        out.append(payload)
        out.append(b"\r\n")
    out.append(f"--{boundary}--\r\n".encode())
    return b"".join(out)
