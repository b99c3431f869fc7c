#!/usr/bin/env python3
"""Server latency of the leaderboard page and API against /actuator/health, measured in the same run.

Requests to the targets are interleaved round-robin (one of each in turn), so that every target sees the same
load on a shared machine; prints p50/p99 in ms per target and the ratio to the health baseline.
Usage: tools/leaderboard_latency.py http://localhost:18311 [samples] [label]
"""
import http.client
import sys
import time
import urllib.parse

TARGETS = [
    ("baseline /actuator/health", "/actuator/health"),
    ("page / (V1, 50 rows)", "/?size=50"),
    ("page / sorted by a family, page 40", "/?size=50&sort=V1-orientation&order=asc&page=40"),
    ("page / filtered (q, kind, block, dates)", "/?size=50&q=bench-0&kind=block_spec&block=vone&from=2025-01-01"),
    ("API /api/v1/leaderboard (50 rows)", "/api/v1/leaderboard?size=50"),
    ("API sorted by a family, page 40", "/api/v1/leaderboard?size=50&sort=V1-orientation&order=asc&page=40"),
    ("API CSV filtered", "/api/v1/leaderboard?size=50&q=bench-0&kind=block_spec&block=vone&format=csv"),
]


def percentile(xs, p):
    s = sorted(xs)
    import math
    return s[min(len(s) - 1, max(0, math.ceil(p / 100 * len(s)) - 1))]


def main():
    base = urllib.parse.urlparse(sys.argv[1])
    samples = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    label = sys.argv[3] if len(sys.argv) > 3 else ""
    conn = http.client.HTTPConnection(base.hostname, base.port, timeout=60)
    times = {name: [] for name, _ in TARGETS}

    def get(path):
        t0 = time.perf_counter()
        conn.request("GET", path)
        r = conn.getresponse()
        body = r.read()
        dt = (time.perf_counter() - t0) * 1000
        if r.status != 200:
            raise SystemExit(f"{path}: {r.status} {body[:300]!r}")
        return dt

    for _ in range(10):
        for _, path in TARGETS:
            get(path)
    for _ in range(samples):
        for name, path in TARGETS:
            times[name].append(get(path))
    h50 = percentile(times[TARGETS[0][0]], 50)
    h99 = percentile(times[TARGETS[0][0]], 99)
    for name, _ in TARGETS:
        xs = times[name]
        p50, p99 = percentile(xs, 50), percentile(xs, 99)
        print(f"{label:8s} {name:42s} p50 {p50:8.2f} ms  p99 {p99:8.2f} ms   (x{p50 / h50:5.1f} / x{p99 / h99:5.1f} health)")


if __name__ == "__main__":
    main()
