#!/usr/bin/env python3
"""Prints the top-level feature dependency graph of src/main/java/io/striate (imports and inline
fully-qualified names), its cycles (strongly connected components) and the imports that close them."""
import re, sys, pathlib, itertools
root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "src/main/java/io/striate")
ref = re.compile(r"\bio\.striate\.([a-z0-9_]+)((?:\.[a-z0-9_]+)*)\.([A-Z]\w*)")
edges = {}
for f in root.rglob("*.java"):
    rel = f.relative_to(root).parts
    if len(rel) < 2:
        continue
    src = rel[0]
    text = f.read_text()
    for m in ref.finditer(text):
        dst = m.group(1)
        if dst != src:
            edges.setdefault((src, dst), set()).add(f"{'/'.join(rel)} -> {m.group(1)}{m.group(2)}.{m.group(3)}")
nodes = sorted({n for e in edges for n in e})
graph = {n: sorted({d for (s, d) in edges if s == n}) for n in nodes}
# Tarjan SCC
index, low, stack, on, sccs, i = {}, {}, [], set(), [], [0]
def strong(v):
    index[v] = low[v] = i[0]; i[0] += 1; stack.append(v); on.add(v)
    for w in graph[v]:
        if w not in index:
            strong(w); low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop(); on.discard(w); comp.append(w)
            if w == v: break
        sccs.append(sorted(comp))
for n in nodes:
    if n not in index: strong(n)
print("feature dependencies:")
for n in nodes:
    print(f"  {n:12s} -> {', '.join(graph[n])}")
cyclic = [c for c in sccs if len(c) > 1]
print(f"strongly connected groups (cycles): {len(cyclic)}")
for c in cyclic:
    print("  " + " <-> ".join(c))
    for a, b in itertools.permutations(c, 2):
        for line in sorted(edges.get((a, b), [])):
            print("     " + line)
# two-node cycles
pairs = sorted({tuple(sorted(e)) for e in edges if (e[1], e[0]) in edges})
print(f"mutual pairs: {len(pairs)} {pairs}")
