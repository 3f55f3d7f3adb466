# hotmap batch over the example CSV: one map per country with sites, named
# by ISO code, in every format, all on ONE symbol scale (the manifests
# agree), each country's sites (by the CSV's country column) inside its own
# map, every site on exactly one map; -j 1 and -j 4 write the same bytes.
need_cmd cs2cs python3

run_hotmap batch --size 800x600 --dpi 100 "$EXAMPLES/sites.csv" --out-dir maps \
  --manifest --format png,svg,pdf -j 2
expect_exit 0
expect_stderr_contains "4 maps written to maps"
# not a terminal: no progress line
expect_stderr_lacks "of 4 maps"

# exactly these files, nothing else (no temp files, no stray names)
got=$(cd maps && LC_ALL=C ls -A | tr '\n' ' ')
want=
for iso in KHM LAO MMR PHL; do
  for ext in json pdf png svg; do want+="$iso.$ext "; done
done
want+="index.html "
[ "$got" = "$want" ] || fail "files in maps/: '$got', expected '$want'"
_ok

for iso in KHM LAO MMR PHL; do
  expect_png "maps/$iso.png" 800 600
  expect_magic "maps/$iso.svg" "<?xml" "<svg"
  expect_magic "maps/$iso.pdf" "%PDF-"
  # positions (PROJ), radii on the one scale, labels, sites inside the frame
  python3 "$CHECK_MANIFEST" "maps/$iso.json" --in-frame --max-value 7000 \
    --png "maps/$iso.png" --pngprobe "$PNGPROBE" --size 800 600 ||
    fail "maps/$iso.json does not match its PNG, PROJ or the one scale (see above)"
  _ok
done

# Across maps: one max_value and r_max, equal legend values drawn with equal
# radii, each site on the map of its CSV country (and only there).
python3 - "$EXAMPLES/sites.csv" maps <<'PY' || fail "the maps do not share one scale or misplace sites (see above)"
import csv, json, math, sys
csv_path, d = sys.argv[1], sys.argv[2]
iso = {"Myanmar": "MMR", "Cambodia": "KHM", "Laos": "LAO", "Philippines": "PHL"}
with open(csv_path, encoding="utf-8", newline="") as f:
    rows = list(csv.DictReader(f))
want = {}  # CSV line -> ISO
for i, r in enumerate(rows):
    want[i + 2] = iso[r["country"]]
bad = []
seen = {}
r_max, legend = set(), {}
maps = {c: json.load(open("%s/%s.json" % (d, c), encoding="utf-8"))
        for c in sorted(set(want.values()))}
for c, m in maps.items():
    if m["max_value"] != 7000:
        bad.append("%s: max_value %r, expected 7000 (the CSV's largest)" % (c, m["max_value"]))
    r_max.add(m["r_max"])
    for v, r in zip(m["legend"]["values"], m["legend"]["radii"]):
        legend.setdefault(v, set()).add(round(r, 3))
    for s in m["sites"]:
        seen.setdefault(s["line"], []).append(c)
        if want.get(s["line"]) != c:
            bad.append("%s: site %r (line %d) belongs on %s" % (c, s["name"], s["line"], want.get(s["line"])))
        if s.get("country") != c:
            bad.append("%s: site %r has country %r" % (c, s["name"], s.get("country")))
        rr = m["r_max"] * math.sqrt(s["value"] / 7000.0)
        if abs(s["r"] - rr) > 1.0:
            bad.append("%s: site %r r=%.3f, the one scale says %.3f" % (c, s["name"], s["r"], rr))
if len(r_max) != 1:
    bad.append("r_max differs between maps: %r" % sorted(r_max))
for v, rs in legend.items():
    if len(rs) != 1:
        bad.append("legend value %g is drawn with radii %r on different maps" % (v, sorted(rs)))
for line, c in want.items():
    got = seen.get(line, [])
    if got != [c]:
        bad.append("CSV line %d (%s) is on the maps %r, expected exactly [%r]" % (line, rows[line - 2]["name"], got, c))
for b in bad:
    print("FAIL: " + b)
sys.exit(1 if bad else 0)
PY
_ok

# a neighbour whose own centre is off the map is named where it shows:
# Vietnam's centre lies far north of the map of Cambodia, its south is in
# view (and each name lies inside the frame)
python3 - maps/KHM.json <<'PY' || fail "KHM.json: Vietnam not named (see above)"
import json, sys
m = json.load(open(sys.argv[1], encoding="utf-8"))
names = {c["name"]: c for c in m["country_labels"]}
if "VIETNAM" not in names:
    print("FAIL: country labels %r lack VIETNAM" % sorted(names))
    sys.exit(1)
f = [m["frame"][k] for k in ("x", "y", "width", "height")]
for n, c in names.items():
    if not (c["x"] >= f[0] and c["y"] >= f[1] and c["x"] + c["width"] <= f[0] + f[2]
            and c["y"] + c["height"] <= f[1] + f[3]):
        print("FAIL: %s at %r leaves the frame %r" % (n, c, f))
        sys.exit(1)
PY
_ok

# index.html lists each map once
n=$(grep -c '<img ' maps/index.html)
[ "$n" = 4 ] || fail "index.html has $n <img> elements, expected 4"
_ok

# the number of workers changes nothing in the output; --timings gives
# each map's stages and the batch's whole time
run_hotmap batch --size 800x600 --dpi 100 "$EXAMPLES/sites.csv" --out-dir maps1 \
  --manifest --format png,svg -j 1 --timings
expect_exit 0
for iso in KHM LAO MMR PHL; do
  expect_stderr_contains "$iso timings (ms): load shapes "
done
expect_stderr_contains "hotmap: timings (ms): load CSV "
n=$(printf "%s\n" "$STDERR" | grep -c "timings (ms)")
[ "$n" = 5 ] || fail "--timings printed $n timing lines, expected 4 maps and the total"
_ok
for f in KHM.png KHM.svg KHM.json MMR.png MMR.json PHL.png LAO.json; do
  expect_same_bytes "maps/$f" "maps1/$f"
done
expect_no_temp maps maps1
