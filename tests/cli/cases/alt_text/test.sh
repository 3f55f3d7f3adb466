# The text alternative (issue 16): --alt-text FILE.txt (and -o FILE.txt)
# writes plain sentences made from what was drawn; the manifest's alt_text
# and the PDF's Subject hold the same text. For the example it names the
# three largest sites with their values and countries, the number of sites
# and countries and the total, all recomputed here from the manifest and
# the CSV. A file that is not .txt is refused.
need_cmd pdfinfo python3

run_hotmap render "${FAST[@]}" "$EXAMPLES/sites.csv" -o map.pdf -o same.txt \
  --alt-text alt.txt --manifest m.json
expect_exit 0
expect_same_bytes alt.txt same.txt
pdfinfo -enc UTF-8 map.pdf >info.txt || fail "pdfinfo could not read map.pdf"

python3 - alt.txt m.json info.txt "$EXAMPLES/sites.csv" <<'PY' || fail "the alt text is wrong (see above)"
import csv, json, sys
alt = open(sys.argv[1], encoding="utf-8").read()
m = json.load(open(sys.argv[2], encoding="utf-8"))
info = open(sys.argv[3], encoding="utf-8").read()
rows = list(csv.DictReader(open(sys.argv[4], encoding="utf-8")))
bad = []
if not alt.endswith("\n") or alt.count("\n") != 1:
    bad.append("alt.txt is not one line ending in a newline")
text = alt.strip()
if m.get("alt_text") != text:
    bad.append("the manifest's alt_text differs from alt.txt")
subject = [l.split(":", 1)[1].strip() for l in info.splitlines() if l.startswith("Subject:")]
if not subject or " ".join(subject[0].split()) != " ".join(text.split()):
    bad.append("the PDF's Subject is not the alt text: %r" % subject)

def fmt(v):
    return "{:,}".format(int(v)) if float(v).is_integer() else str(v)

sites = sorted(m["sites"], key=lambda s: -s["value"])
names = {"MMR": "Myanmar", "KHM": "Cambodia", "LAO": "Laos", "PHL": "Philippines",
         "THA": "Thailand"}
for s in sites[:3]:
    want = "%s in %s (%s)" % (s["name"], names[s["country"]], fmt(s["value"]))
    if want not in text:
        bad.append("missing %r" % want)
total = sum(float(r["victims"]) for r in rows)
if "total %s." % fmt(total) not in text:
    bad.append("the total %s is not said" % fmt(total))
if "It shows %d sites" % len(rows) not in text:
    bad.append("the number of sites (%d) is not said" % len(rows))
ncountries = len({s["country"] for s in m["sites"] if s["country"]})
if "in %d countries" % ncountries not in text:
    bad.append("the number of countries (%d) is not said" % ncountries)
for v in m["legend"]["values"]:
    if fmt(v) not in text:
        bad.append("the legend's %s is not said" % fmt(v))
for line in bad:
    print("FAIL:", line)
print(text)
sys.exit(1 if bad else 0)
PY

# a map of part of the data says what it shows: the Myawaddy close-up
# (3 of the 8 sites in its frame, 12,000 victims), its extent to a
# hundredth of a degree, the sites left out and its locator
run_hotmap render "${FAST[@]}" "$EXAMPLES/sites.csv" --extent 98.2,16.25,98.9,17.05 --locator \
  -o close.txt
expect_exit 0
for want in "from 98.2°E to 98.9°E and from 16.25°N to 17.05°N" "It shows 3 sites" \
  "all in Myanmar" "The largest are KK Park (7,000)" "All the sites total 12,000." \
  "5 sites of the data lie outside the map's frame" "A locator map"; do
  grep -qF "$want" close.txt || fail "close.txt lacks \"$want\": $(cat close.txt)"
done
_ok

run_hotmap render "${FAST[@]}" "$EXAMPLES/sites.csv" -o map.png --alt-text alt.png
expect_exit 2
expect_stderr_contains "--alt-text alt.png: expected a .txt file"
_ok

# batch: each map's image in index.html carries its alt text, the same as
# its manifest's and its ISO3.txt (--format txt), which index.html links
run_hotmap batch "${FAST[@]}" "$EXAMPLES/sites.csv" --out-dir maps --manifest --countries KHM,MMR \
  --format png,txt
expect_exit 0
python3 - maps <<'PY' || fail "index.html's alt attributes are wrong (see above)"
import html.parser, json, os, sys
d = sys.argv[1]
class P(html.parser.HTMLParser):
    alts = {}
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "img":
            self.alts[a["src"]] = a.get("alt")
p = P()
p.feed(open(os.path.join(d, "index.html"), encoding="utf-8").read())
bad = []
for iso, name in (("KHM", "Cambodia"), ("MMR", "Myanmar")):
    m = json.load(open(os.path.join(d, iso + ".json"), encoding="utf-8"))
    alt = p.alts.get(iso + ".png")
    if alt != m["alt_text"]:
        bad.append("%s: alt %r, manifest %r" % (iso, alt, m["alt_text"]))
    elif not alt.startswith("A map of %s" % name):
        bad.append("%s: alt text %r does not name the country" % (iso, alt))
    txt = open(os.path.join(d, iso + ".txt"), encoding="utf-8").read()
    if txt != m["alt_text"] + "\n":
        bad.append("%s.txt is not the manifest's alt_text" % iso)
    if 'href="%s.txt"' % iso not in open(os.path.join(d, "index.html"), encoding="utf-8").read():
        bad.append("index.html does not link %s.txt" % iso)
for line in bad:
    print("FAIL:", line)
sys.exit(1 if bad else 0)
PY
_ok

run_hotmap batch "${FAST[@]}" "$EXAMPLES/sites.csv" --out-dir bad --format png,doc
expect_exit 2
expect_stderr_contains "expected png, svg, pdf, txt and/or html"
_ok
