# In a PDF every name is text a reader can find and copy, the haloed ones
# (sites, countries, scale bar) too, not glyph outlines: poppler's
# pdftotext reads them back. The PNG of the same map is drawn as before.
need_cmd pdftotext

run_hotmap render "${FAST[@]}" "$EXAMPLES/sites.csv" -o map.pdf -o map.png --manifest m.json
expect_exit 0
expect_magic map.pdf "%PDF-"
pdftotext map.pdf text.txt || fail "pdftotext could not read map.pdf"
# every site the map labels, by the manifest, and the furniture's text
python3 - m.json text.txt <<'PY' || fail "map.pdf lacks text (see above)"
import json, sys
m = json.load(open(sys.argv[1], encoding="utf-8"))
text = open(sys.argv[2], encoding="utf-8").read()
words = " ".join(text.split())
labels = [s["label"]["text"] for s in m["sites"] if s.get("label")]
missing = [l for l in labels if " ".join(l.split()) not in words]
if len(labels) < 5:
    print("FAIL: only %d labelled sites in the manifest" % len(labels))
    sys.exit(1)
for want in ["Victims", "km"]:
    if want not in words:
        missing.append(want)
for l in missing:
    print("FAIL: %r is not text in map.pdf" % l)
sys.exit(1 if missing else 0)
PY
_ok
