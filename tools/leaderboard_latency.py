#!/usr/bin/env python3
"""Server latency of the leaderboard page and API against /actuator/health, measured in the same run.

Requests to the targets are interleaved round-robin (one of each in turn), so that every target sees the same
load on a shared machine; prints p50/p99 in ms per target and the ratio to the health baseline.
Usage: tools/leaderboard_latency.py http://localhost:18311 [samples] [label]
       tools/leaderboard_latency.py before=http://localhost:8120,after=http://localhost:8121 [samples]
The second form compares servers in the same run (two builds on copies of one database): each request goes to every
server in turn, and each server's p50/p99 are printed with its own health baseline.
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
    samples = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    if "=" in sys.argv[1]:
        servers = [tuple(x.split("=", 1)) for x in sys.argv[1].split(",")]
    else:
        servers = [(sys.argv[3] if len(sys.argv) > 3 else "", sys.argv[1])]
    conns = {}
    for label, url in servers:
        base = urllib.parse.urlparse(url)
        conns[label] = http.client.HTTPConnection(base.hostname, base.port, timeout=60)
    times = {(label, name): [] for label, _ in servers for name, _ in TARGETS}

    def get(label, path):
        conn = conns[label]
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
            for label, _ in servers:
                get(label, path)
    for _ in range(samples):
        for name, path in TARGETS:
            for label, _ in servers:
                times[(label, name)].append(get(label, path))
    for label, _ in servers:
        h50 = percentile(times[(label, TARGETS[0][0])], 50)
        h99 = percentile(times[(label, TARGETS[0][0])], 99)
        for name, _ in TARGETS:
            xs = times[(label, name)]
            p50, p99 = percentile(xs, 50), percentile(xs, 99)
            print(f"{label:8s} {name:42s} p50 {p50:8.2f} ms  p99 {p99:8.2f} ms   "
                  f"(x{p50 / h50:5.1f} / x{p99 / h99:5.1f} health)")


if __name__ == "__main__":
    main()
