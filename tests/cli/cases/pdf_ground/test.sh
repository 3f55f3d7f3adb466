# Land and borders in a PDF (the example, shapes chosen by scale): each country's outline is written once, filled
# and stroked (B*), when the style's land and border colours are opaque;
# with a border a hair short of opaque they are written as two layers (the
# land's fills, then every border in one stroke). Both PDFs, rasterised by
# poppler, show the same picture (the shared borders, stroked twice in the
# first, differ only in their antialiased edges), and the first writes at
# most 60% of the second's line segments: the countries that cross the
# frame are written once too (56%; 71% when Cairo wrote those twice, filled
# then stroked, each under a clip of its own extent).
need_cmd pdftoppm python3

sed 's/^border = #8c877f$/border = #8c877ffe/' "$REPO/styles/default.ini" >translucent.ini
grep -q '^border = #8c877ffe$' translucent.ini || fail "styles/default.ini has no 'border = #8c877f' line"

run_hotmap render --size 800x600 --dpi 100 "$EXAMPLES/sites.csv" -o paired.pdf
expect_exit 0
run_hotmap render --size 800x600 --dpi 100 "$EXAMPLES/sites.csv" -o apart.pdf --style translucent.ini
expect_exit 0
pdftoppm -r 100 -singlefile paired.pdf paired || fail "pdftoppm could not read paired.pdf"
pdftoppm -r 100 -singlefile apart.pdf apart || fail "pdftoppm could not read apart.pdf"

python3 - paired.pdf apart.pdf paired.ppm apart.ppm <<'PY' || fail "the paired PDF differs (see above)"
import re, sys, zlib

def ops(path):
    data = open(path, "rb").read()
    count = {"l": 0, "B*": 0, "f*": 0}
    for m in re.finditer(rb"stream\r?\n", data):
        end = data.find(b"endstream", m.end())
        try:
            text = zlib.decompress(data[m.end():end])
        except zlib.error:
            continue
        for tok in text.split():
            t = tok.decode("latin-1")
            if t in count:
                count[t] += 1
    return count

a, b = ops(sys.argv[1]), ops(sys.argv[2])
print("paired:", a, "apart:", b)
bad = []
# the symbols are filled and stroked at once in both
if a["B*"] - b["B*"] < 5:
    bad.append("paired.pdf fills and strokes %d paths at once, apart.pdf %d" % (a["B*"], b["B*"]))
if a["l"] > 0.6 * b["l"]:
    bad.append("paired.pdf writes %d segments, apart.pdf %d" % (a["l"], b["l"]))
def ppm(path):
    data = open(path, "rb").read()
    magic, w, h, depth, rest = data.split(maxsplit=4)
    assert magic == b"P6" and depth == b"255"
    return (int(w), int(h)), rest

(sa, da), (sb, db) = ppm(sys.argv[3]), ppm(sys.argv[4])
if sa != sb:
    bad.append("sizes differ: %s %s" % (sa, sb))
else:
    n = len(da) // 3
    worst = differ = 0
    for i in range(n):
        d = max(abs(da[3 * i + k] - db[3 * i + k]) for k in range(3))
        worst = max(worst, d)
        differ += d > 16
    print("pixels: %d, differing by more than 16: %d, largest difference %d" % (n, differ, worst))
    # a translucent border over the land differs by about 1/255; the
    # borders stroked twice darken their antialiased edges a little
    if worst > 48 or differ > n // 100:
        bad.append("the rasterised PDFs differ: %d pixels by more than 16, at most %d" % (differ, worst))
for line in bad:
    print("FAIL:", line)
sys.exit(1 if bad else 0)
PY
_ok
