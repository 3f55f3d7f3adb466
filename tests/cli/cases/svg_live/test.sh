# hotmap's own SVG (issue 16), the example with its insets: well-formed
# (xmllint); the root scales in a page (viewBox, width 100%), has role="img",
# the map's title and its text alternative; every layer a group marked for
# Inkscape, in drawing order; a <text> for every site label and country name
# the manifest lists; a <circle> with the site's data for every symbol in the
# frame; Inkscape lists the layers; at most half the size of Cairo's SVG (--svg-text outline, whose
# glyphs are outlines and which has no <text>); and, drawn by Chromium, the
# same picture as the PNG (mean absolute difference of the channels under 2
# of 255; 0.8 at the time of writing).
need_cmd xmllint python3

MAP=(--size 1200x900 --dpi 150 --inset auto --subtitle "Reported victims, by site"
  --title "Scam & fraud <compounds>")
run_hotmap render "${MAP[@]}" "$EXAMPLES/sites.csv" -o map.svg -o map.png --manifest m.json
expect_exit 0
run_hotmap render "${MAP[@]}" "$EXAMPLES/sites.csv" -o cairo.svg --svg-text outline
expect_exit 0
xmllint --noout map.svg 2>"$IO/xmllint" || fail "xmllint: map.svg: $(head -n 5 "$IO/xmllint")"
_ok

python3 - map.svg cairo.svg m.json <<'PY' || fail "map.svg is not as it should be (see above)"
import json, os, sys
import xml.etree.ElementTree as ET

S = "{http://www.w3.org/2000/svg}"
INK = "{http://www.inkscape.org/namespaces/inkscape}"
svg, cairo, man = sys.argv[1:4]
m = json.load(open(man, encoding="utf-8"))
root = ET.parse(svg).getroot()
bad = []

def want(cond, what):
    if not cond:
        bad.append(what)

want(root.get("viewBox") == "0 0 %d %d" % (m["width"], m["height"]), "viewBox %r" % root.get("viewBox"))
want(root.get("width") == "100%", "width %r" % root.get("width"))
want(root.get("role") == "img", "role %r" % root.get("role"))
title, desc = root.find(S + "title"), root.find(S + "desc")
want(title is not None and title.text == "Scam & fraud <compounds>", "the <title>")
want(desc is not None and desc.text == m["alt_text"], "the <desc> is not the alt text")

layers = [g.get("id") for g in root.iter(S + "g") if g.get(INK + "groupmode") == "layer"]
main = [l for l in layers if not l.startswith("inset")]
order = ["map", "sea", "land", "borders", "country-names", "symbols", "site-labels", "leaders",
         "north-arrow", "legend", "scale-bar", "frame", "insets", "title", "source"]
want([l for l in main if l in order] == [l for l in order if l in main], "layers out of order: %r" % main)
for l in order:
    want(l in layers, "no layer %r" % l)
want(any(l.startswith("inset1-") for l in layers), "the inset's layers are not prefixed: %r" % layers)
want(len(layers) == len(set(layers)), "layer ids repeat: %r" % layers)

def group(gid):
    return next(g for g in root.iter(S + "g") if g.get("id") == gid)

def texts(g):
    out = []
    for t in g.iter(S + "text"):
        spans = t.findall(S + "tspan")
        out.append(" ".join(s.text for s in spans) if spans else t.text)
    return out

site_texts = texts(group("site-labels"))
for s in m["sites"]:
    if s.get("label"):
        want(s["label"]["text"] in site_texts, "no <text> for the label %r" % s["label"]["text"])
names = texts(group("country-names"))
for c in m["country_labels"]:
    want(c["name"].replace("\n", " ") in names, "no <text> for the country %r" % c["name"])
for t in group("site-labels").iter(S + "text"):
    want(t.get("paint-order") == "stroke" and t.get("stroke"), "a label without its halo")

f = m["frame"]
def in_frame(s):
    return (s["x"] + s["r"] >= f["x"] and s["x"] - s["r"] <= f["x"] + f["width"] and
            s["y"] + s["r"] >= f["y"] and s["y"] - s["r"] <= f["y"] + f["height"])
drawn = [s for s in m["sites"] if in_frame(s) and s.get("cluster_of", m["sites"].index(s)) == m["sites"].index(s)]
circles = list(group("symbols").iter(S + "circle"))
want(len(circles) == len(drawn), "%d circles for %d symbols" % (len(circles), len(drawn)))
by_name = {c.get("data-name"): c for c in circles}
for s in drawn:
    c = by_name.get(s["name"])
    if c is None:
        bad.append("no circle for %r" % s["name"])
        continue
    want(float(c.get("data-value")) == s["value"], "%s: data-value %s" % (s["name"], c.get("data-value")))
    want(abs(float(c.get("data-lon")) - s["lon"]) < 1e-6 and abs(float(c.get("data-lat")) - s["lat"]) < 1e-6,
         "%s: data-lon/lat" % s["name"])
    want(abs(float(c.get("cx")) - s["x"]) <= 0.01 and abs(float(c.get("r")) - s["r"]) <= 0.01,
         "%s: circle at %s,%s r %s" % (s["name"], c.get("cx"), c.get("cy"), c.get("r")))
    want(c.get("data-country") and c.find(S + "title") is not None and s["name"] in c.find(S + "title").text,
         "%s: no country or title" % s["name"])

croot = ET.parse(cairo).getroot()
want(not list(croot.iter(S + "text")), "--svg-text outline wrote <text>")
ours, theirs = os.path.getsize(svg), os.path.getsize(cairo)
want(ours * 2 <= theirs, "map.svg is %d bytes, Cairo's %d: more than half" % (ours, theirs))
print("map.svg %d bytes, Cairo's %d; %d layers, %d circles, %d site labels, %d names"
      % (ours, theirs, len(layers), len(circles), len(site_texts), len(names)))
for b in bad:
    print("FAIL:", b)
sys.exit(1 if bad else 0)
PY
_ok

# Inkscape (Debian's; ./build.sh test installs it) sees the layers by their ids
command -v inkscape >/dev/null || fail "inkscape absent (Debian package inkscape; ./build.sh test installs it)"
HOME=$WORK_DIR timeout 120 inkscape --query-all map.svg >ink.txt 2>"$IO/inkscape.err" ||
  fail "inkscape --query-all failed: $(tail -n 3 "$IO/inkscape.err")"
for id in map sea land borders country-names symbols site-labels leaders north-arrow legend \
  scale-bar frame insets inset1 inset1-map inset1-symbols title source; do
  grep -q "^$id," ink.txt || fail "inkscape --query-all does not list the layer $id"
done
_ok

# a bad --svg-text is a usage error
run_hotmap render "${FAST[@]}" "$EXAMPLES/sites.csv" -o x.svg --svg-text glyphs
expect_exit 2
expect_stderr_contains "--svg-text glyphs: expected live or outline"
expect_no_file x.svg

# drawn by Chromium (Debian's, ./build.sh test installs it), as the PNG
CHROMIUM=/usr/bin/chromium
[ -x "$CHROMIUM" ] || fail "$CHROMIUM absent (Debian package chromium; ./build.sh test installs it)"
NONET=()
unshare -n true 2>/dev/null && NONET=(unshare -n)
profile=$(mktemp -d "$WORK_DIR/chrome.XXXXXX")
timeout 60 "${NONET[@]}" "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --disable-extensions --proxy-server=127.0.0.1:9 --user-data-dir="$profile" \
  --force-device-scale-factor=1 --hide-scrollbars --window-size=1200,900 \
  --screenshot="$WORK_DIR/chrome.png" "file://$WORK_DIR/map.svg" >/dev/null 2>"$IO/chrome.err" ||
  fail "chromium could not draw map.svg (exit $?): $(tail -n 5 "$IO/chrome.err")"
rm -rf -- "$profile"
expect_png chrome.png 1200 900
read -r mad far < <("$PNGPROBE" --diff map.png chrome.png) || fail "pngprobe --diff failed"
python3 -c "import sys; sys.exit(0 if float('$mad') < 2 and float('$far') < 0.01 else 1)" ||
  fail "Chromium's drawing of map.svg differs from map.png: mean $mad of 255, $far of pixels by more than 64"
_ok
