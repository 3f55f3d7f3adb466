#!/usr/bin/env bash
# cycles.sh [BUILD_DIR]: fails (exit 1) when the library's source files call
# each other in a circle (a.c calls b.c calls ... calls a.c). Run after a
# build: reads the library's object files (BUILD_DIR, default build/; those
# of src/ but not src/cli/) with nm, makes the file-to-file graph of calls
# and data references (a symbol one object uses and another defines), and
# prints each group of files caught in circles (a strongly connected
# component) with the calls inside it and its elementary circles (up to
# MAX_SHOWN of them). Exit 0: no circle; 1: a circle; 2: no objects.
set -euo pipefail
build=${1:-build}
[ -d "$build" ] || { echo "cycles: no $build/ (build first)" >&2; exit 2; }
mapfile -t objs < <(find "$build" -name '*.o' -path '*CMakeFiles*' -path '*/src/*' \
  ! -path '*/src/cli/*' | sort)
[ ${#objs[@]} -gt 0 ] || { echo "cycles: no library object in $build/" >&2; exit 2; }

python3 - "${objs[@]}" <<'PY'
import collections, subprocess, sys

MAX_SHOWN = 40

# One node per source file (src/a.c), whichever target compiled it.
name = lambda o: "src/" + o.split("/src/", 1)[-1].removesuffix(".o")
defs, uses = {}, collections.defaultdict(set)
for o in sys.argv[1:]:
    out = subprocess.run(["nm", o], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        p = line.split()
        if len(p) == 3 and p[1] in "TDBRWVC":
            defs[p[2]] = name(o)
        elif len(p) == 2 and p[0] == "U":
            uses[name(o)].add(p[1])
nodes = sorted({name(o) for o in sys.argv[1:]})
g = {v: sorted({defs[s] for s in uses[v] if s in defs and defs[s] != v}) for v in nodes}

# Tarjan's strongly connected components, without recursion.
index, low, onstack, stack, sccs, counter = {}, {}, set(), [], [], [0]
for root in nodes:
    if root in index:
        continue
    work = [(root, 0)]
    while work:
        v, i = work.pop()
        if i == 0:
            index[v] = low[v] = counter[0]
            counter[0] += 1
            stack.append(v)
            onstack.add(v)
        if i < len(g[v]):
            work.append((v, i + 1))
            w = g[v][i]
            if w not in index:
                work.append((w, 0))
            elif w in onstack:
                low[v] = min(low[v], index[w])
            continue
        if low[v] == index[v]:
            c = []
            while True:
                w = stack.pop()
                onstack.discard(w)
                c.append(w)
                if w == v:
                    break
            if len(c) > 1:
                sccs.append(sorted(c))
        if work:
            u = work[-1][0]
            low[u] = min(low[u], low[v])


def circles(members):
    """Elementary circles inside one component, each from its least file."""
    inner = set(members)
    found = []
    for start in members:
        path, blocked = [start], {start}
        it = [iter([w for w in g[start] if w in inner and w >= start])]
        while it:
            w = next(it[-1], None)
            if w is None:
                it.pop()
                blocked.discard(path.pop())
                continue
            if w == start:
                found.append(path + [start])
                if len(found) > 10000:
                    return found
            elif w not in blocked:
                path.append(w)
                blocked.add(w)
                it.append(iter([x for x in g[w] if x in inner and x >= start]))
    return found


if not sccs:
    print("cycles: no circle of calls between the %d source files of the library" % len(nodes))
    sys.exit(0)
for c in sccs:
    inner = set(c)
    print("cycles: a circle of calls among %d files: %s" % (len(c), " ".join(c)))
    for a in c:
        for b in g[a]:
            if b in inner:
                fn = sorted(s for s in uses[a] if defs.get(s) == b)
                more = ", ..." if len(fn) > 4 else ""
                print("  %s -> %s: %s%s" % (a, b, ", ".join(fn[:4]), more))
    found = sorted(circles(c), key=lambda p: (len(p), p))
    print("  %s elementary circle(s)%s:" % (len(found) if len(found) <= 10000 else "over 10000",
          ", the shortest %d" % MAX_SHOWN if len(found) > MAX_SHOWN else ""))
    for p in found[:MAX_SHOWN]:
        print("    " + " -> ".join(p))
sys.exit(1)
PY
