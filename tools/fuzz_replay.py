#!/usr/bin/env python3
"""Replays the fuzz corpus (src/test/resources/fuzz/corpus.jsonl) plus seeded random mutations of its valid
requests against a running Striate with curl, and counts the answers by status. Usage:

  tools/fuzz_replay.py http://localhost:8080 ADMIN_TOKEN [--mutations 1000] [--seed 9]

Prints every 5xx (and every request slower than 30 s, counted as a hang) and exits 1 when there was any.
FuzzIntegrationTest runs the same corpus (and its own mutations) in the test suite."""
import argparse, base64, json, os, random, subprocess, sys, tempfile, time

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources", "fuzz")

def curl(base, method, path, headers, body, timeout=30):
    with tempfile.NamedTemporaryFile(delete=False) as f:
        f.write(body or b"")
        name = f.name
    cmd = ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", str(timeout), "-X", method,
           "--path-as-is", "-H", "Expect:"]
    for k, v in headers.items():
        cmd += ["-H", f"{k}: {v}"]
    if body is not None:
        cmd += ["--data-binary", "@" + name]
    cmd.append(base + path)
    t0 = time.time()
    out = subprocess.run(cmd, capture_output=True, text=True).stdout
    os.unlink(name)
    return int(out or "0"), time.time() - t0

def multipart(parts):
    boundary = "XfuzzX"
    out = b""
    for p in parts:
        disp = f'form-data; name="{p["name"]}"' + (f'; filename="{p["filename"]}"' if "filename" in p else "")
        out += f"--{boundary}\r\nContent-Disposition: {disp}\r\n".encode()
        if "contentType" in p:
            out += f'Content-Type: {p["contentType"]}\r\n'.encode()
        if "file" in p:
            data = open(os.path.join(HERE, p["file"]), "rb").read()
        elif "base64" in p:
            data = base64.b64decode(p["base64"])
        else:
            data = p["text"].encode()
        out += b"\r\n" + data + b"\r\n"
    return out + f"--{boundary}--\r\n".encode(), "multipart/form-data; boundary=" + boundary

def materialise(entry, ctx, n):
    def fill(s):
        return (s.replace("{model}", str(ctx["model"])).replace("{version}", str(ctx["version"]))
                .replace("{n}", str(n)))
    headers = {k: fill(v) for k, v in entry.get("headers", {}).items()}
    if not entry.get("noAuth"):
        headers.setdefault("Authorization", "Bearer " + ctx["token"])
    body = None
    if "multipart" in entry:
        body, ctype = multipart(entry["multipart"])
        headers.setdefault("Content-Type", ctype)
    elif "bodyBase64" in entry:
        body = base64.b64decode(entry["bodyBase64"])
    elif "body" in entry:
        body = fill(entry["body"]).encode()
    return entry["method"], fill(entry["path"]), headers, body

NASTY = [b"\x00", b"\xff", b"%", b"%zz", b"\\u0000", b"null", b"[null]", b"{", b"}", b"\"", b"-1", b"1e999",
         b"99999999999999999999", b"javascript:", b"\x7f", b" ", b"\xe0\x80"]
HEADER_VALUES = {"Content-Type": ["*/*", "text/plain", "application/json;charset=x", "", "multipart/form-data"],
                 "Accept": ["application/xml", "text/csv", "*/*", "image/png", "x/y;q=0", ""]}

def mutate(rng, method, path, headers, body):
    kind = rng.randrange(5)
    if kind == 0 and body:
        i = rng.randrange(len(body) + 1)
        body = body[:i] + rng.choice(NASTY) + body[i + rng.randrange(3):]
    elif kind == 1 and body:
        body = body[:rng.randrange(len(body) + 1)]
    elif kind == 2:
        h = rng.choice(list(HEADER_VALUES))
        headers = dict(headers, **{h: rng.choice(HEADER_VALUES[h])})
    elif kind == 3:
        sep = "&" if "?" in path else "?"
        path = path + sep + rng.choice(["q", "page", "size", "owner", "sort", "taps"]) + "=" + rng.choice(
            ["%zz", "%00", "-1", "%", "a%e0b", "99999999999999999999", "%ff%fe"])
    else:
        i = rng.randrange(len(path) + 1)
        path = path[:i] + rng.choice(["%zz", "%00", "%2e%2e/", "//", "%"]) + path[i:]
    return method, path, headers, body

def setup(base, admin, seed):
    def post(path, token, doc):
        out = subprocess.run(["curl", "-s", "-X", "POST", "-H", "Content-Type: application/json", "-H",
                              "Authorization: Bearer " + token, "--data-binary", json.dumps(doc), base + path],
                             capture_output=True, text=True).stdout
        return json.loads(out)
    owner = f"fuzz{seed}{int(time.time())}"
    token = post("/api/v1/tokens", admin, {"name": "fuzz", "owner": owner, "scopes": ["submit"]})["secret"]
    model = post("/api/v1/models", token, {"name": "fuzz-target", "visibility": "public"})["id"]
    spec = {"name": "fuzz-" + owner, "input": {"size": 8, "mean": [0, 0, 0], "std": [1, 1, 1], "visualDegrees": 8},
            "layers": [{"type": "identity", "name": "pixels"}], "taps": ["pixels"]}
    version = post(f"/api/v1/models/{model}/versions", token, {"spec": spec})["id"]
    return {"token": token, "model": model, "version": version}

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("base")
    ap.add_argument("admin")
    ap.add_argument("--mutations", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=9)
    a = ap.parse_args()
    corpus = [json.loads(l) for l in open(os.path.join(HERE, "corpus.jsonl")) if l.strip()]
    ctx = setup(a.base, a.admin, a.seed)
    rng = random.Random(a.seed)
    counts, bad, n = {}, [], 0
    def record(name, status, secs):
        counts[status // 100] = counts.get(status // 100, 0) + 1
        if status >= 500 or status == 0 or secs > 30:
            bad.append((name, status, round(secs, 1)))
            print("BAD", name, status, round(secs, 1), flush=True)
    for e in corpus:
        n += 1
        s, t = curl(a.base, *materialise(e, ctx, n))
        record(e["name"], s, t)
    seeds = [e for e in corpus if e.get("seed")]
    print("corpus done:", n, "requests,", len(bad), "5xx/hang", {f"{k}xx": v for k, v in sorted(counts.items())},
          flush=True)
    for i in range(a.mutations):
        n += 1
        e = rng.choice(seeds)
        s, t = curl(a.base, *mutate(rng, *materialise(e, ctx, n)))
        record("mutation %d of %s" % (i, e["name"]), s, t)
    print("requests", n, "by class", {f"{k}xx": v for k, v in sorted(counts.items())}, "5xx/hang", len(bad))
    sys.exit(1 if bad else 0)

if __name__ == "__main__":
    main()
