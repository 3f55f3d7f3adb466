# Two features of the shapes with one ISO code (the shipped 1:10m shapes
# code both Australia and "Ashmore and Cartier Is." AUS): their maps must
# not overwrite each other. Whether they become one map or two, every map
# in index.html has its own files, and every site is on exactly one map
# whose manifest and caption agree.
need_cmd python3
run_hotmap batch --size 800x600 --dpi 100 sites.csv --out-dir maps --manifest -j 2
expect_exit 0
python3 - maps <<'PY' || fail "maps share files or lose sites (see above)"
import json, os, re, sys
d = sys.argv[1]
html = open(os.path.join(d, "index.html"), encoding="utf-8").read()
figs = re.findall(r'<figure id="([^"]*)">(.*?)</figure>', html, re.S)
srcs = [re.search(r'<img src="([^"]+)"', body).group(1) for _, body in figs]
ids = [i for i, _ in figs]
bad = []
if len(set(srcs)) != len(srcs):
    bad.append("index.html shows %d maps but only %d distinct images: %r" % (len(srcs), len(set(srcs)), srcs))
if len(set(ids)) != len(ids):
    bad.append("index.html repeats a figure id: %r" % ids)
pngs = sorted(f for f in os.listdir(d) if f.endswith(".png"))
if len(pngs) != len(figs):
    bad.append("%d maps in index.html, %d PNG files: %r" % (len(figs), len(pngs), pngs))
lines = []
for (fid, body), src in zip(figs, srcs):
    m = json.load(open(os.path.join(d, src[:-4] + ".json"), encoding="utf-8"))
    n = int(re.search(r"\): (\d+) sites?", body).group(1))
    if n != len(m["sites"]):
        bad.append("%s: the caption says %d sites, its manifest holds %d" % (fid, n, len(m["sites"])))
    lines += [s["line"] for s in m["sites"]]
if sorted(lines) != [2, 3]:
    bad.append("sites on the maps, by CSV line: %r, expected [2, 3] once each" % sorted(lines))
for b in bad:
    print("FAIL: " + b)
sys.exit(1 if bad else 0)
PY
_ok
