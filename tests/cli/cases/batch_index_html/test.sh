# The batch's index.html: valid-looking HTML (doctype, UTF-8, one image per
# map, a link to each format), names from the shapes HTML-escaped, only
# local files referred to; then opened in headless Chromium with no network:
# every image loads, the names read back as they are in the shapes, and a
# screenshot shows the maps where the page lays them out.
# (Chromium: Debian's chromium, installed by ./build.sh test; the case fails
# where it is absent.)
need_cmd python3

run_hotmap batch --size 800x600 --dpi 100 "$EXAMPLES/sites.csv" --out-dir ex \
  --manifest --format png,svg,pdf
expect_exit 0

# Shapes whose names need escaping, and UTF-8 names
python3 "$CLI_DIR/mkshp.py" odd \
  'Foo & <Bar> "q" '"'"'x'"'"'|FOO|-140,-10,-134,-4' \
  '<script>alert(1)</script>|SCR|-132,-10,-126,-4' \
  'Côte & Île — ကမ္ဘာ ព្រះ|UNI|-124,-10,-118,-4'
printf 'name,lat,lon,value\na,-7,-137,100\nb,-7,-129,200\nc,-7,-121,300\n' >odd.csv
run_hotmap batch --size 800x600 --dpi 100 --shapes odd.shp odd.csv --out-dir odd \
  --format png,svg
expect_exit 0

# static checks of both pages
python3 - ex 'KHM LAO MMR PHL' 'png svg pdf json' odd 'FOO SCR UNI' 'png svg' <<'PY' || fail "index.html is not as it should be (see above)"
import html.parser, os, re, sys

VOID = {"meta", "img", "br", "link", "hr", "input", "source"}
bad = []

class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.imgs, self.links, self.texts, self.strong = [], [], [], [], []
        self.charset = None
        self.in_strong = False
        self.decl = None
    def handle_decl(self, d):
        self.decl = d
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and "charset" in a:
            self.charset = a["charset"]
        if tag == "img":
            self.imgs.append(a)
        if tag == "a":
            self.links.append(a.get("href"))
        if tag == "strong":
            self.in_strong = True
            self.strong.append("")
        if tag not in VOID:
            self.stack.append(tag)
    def handle_endtag(self, tag):
        if tag == "strong":
            self.in_strong = False
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            bad.append("%s: </%s> closes <%s>" % (self.name, tag, self.stack[-1] if self.stack else "nothing"))
        else:
            self.stack.pop()
    def handle_data(self, data):
        if self.in_strong:
            self.strong[-1] += data

def check(d, codes, fmts):
    raw = open(os.path.join(d, "index.html"), "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        bad.append("%s/index.html is not UTF-8: %s" % (d, e)); return None
    if not re.match(r"(?i)<!doctype html>", text):
        bad.append("%s/index.html does not start with <!DOCTYPE html>" % d)
    # every '<' opens a tag, a comment or the doctype; every '&' an entity
    for m in re.finditer(r"<(?!/?[a-zA-Z]|!--|!DOCTYPE)", text):
        bad.append("%s/index.html: a raw '<' at %d: %r" % (d, m.start(), text[m.start() - 20:m.start() + 20]))
    for m in re.finditer(r"&(?!(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)", text):
        bad.append("%s/index.html: a raw '&' at %d: %r" % (d, m.start(), text[m.start() - 20:m.start() + 20]))
    if re.search(r"(?i)(https?:|ftp:|//[a-z0-9])", text):
        bad.append("%s/index.html refers to the network: %r" % (d, re.findall(r"(?i)\S*(?:https?:|ftp:|//[a-z0-9])\S*", text)[:3]))
    p = P(); p.name = d + "/index.html"
    p.feed(text); p.close()
    if p.stack:
        bad.append("%s/index.html leaves <%s> open" % (d, ">, <".join(p.stack)))
    if (p.charset or "").lower() != "utf-8":
        bad.append("%s/index.html: charset %r, expected utf-8" % (d, p.charset))
    srcs = [i.get("src") for i in p.imgs]
    if sorted(srcs) != sorted(c + ".png" for c in codes):
        bad.append("%s/index.html images %r, expected one per map: %r" % (d, srcs, [c + ".png" for c in codes]))
    for i in p.imgs:
        if not i.get("alt"):
            bad.append("%s/index.html: <img src=%r> has no alt text" % (d, i.get("src")))
    for c in codes:
        for f in fmts:
            if c + "." + f not in p.links:
                bad.append("%s/index.html has no link to %s.%s" % (d, c, f))
    for u in srcs + p.links:
        if not u or "/" in u or ":" in u or u.startswith(".") or not os.path.isfile(os.path.join(d, u)):
            bad.append("%s/index.html refers to %r, not a file of its folder" % (d, u))
    return p

check(sys.argv[1], sys.argv[2].split(), sys.argv[3].split())
p = check(sys.argv[4], sys.argv[5].split(), sys.argv[6].split())
if p:
    want = sorted(['Foo & <Bar> "q" \'x\'', "<script>alert(1)</script>", "Côte & Île — ကမ္ဘာ ព្រះ"])
    if sorted(p.strong) != want:
        bad.append("odd/index.html names read back as %r, expected %r" % (sorted(p.strong), want))
for b in bad:
    print("FAIL: " + b)
sys.exit(1 if bad else 0)
PY
_ok

CHROMIUM=/usr/bin/chromium
[ -x "$CHROMIUM" ] ||
  fail "$CHROMIUM absent (Debian package chromium; ./build.sh test installs it); the static checks passed, the page was not opened"

# no network: a network namespace of its own where unshare can make one,
# and Chromium's own switches either way
NONET=()
unshare -n true 2>/dev/null && NONET=(unshare -n)
chrome() {
  local profile
  profile=$(mktemp -d "$WORK_DIR/chrome.XXXXXX")
  timeout 30 "${NONET[@]}" "$CHROMIUM" --headless --no-sandbox --disable-gpu \
    --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --disable-extensions \
    --host-resolver-rules='MAP * ~NOTFOUND' --proxy-server=127.0.0.1:9 \
    --user-data-dir="$profile" --force-device-scale-factor=1 \
    --window-size=1200,900 --run-all-compositor-stages-before-draw \
    --virtual-time-budget=5000 "$@" 2>>"$IO/chrome.err"
  local rc=$?
  rm -rf -- "$profile"
  return $rc
}

# A probe page of this test (not of the product) opens index.html in a
# frame of the window's size and reports each image and name.
probe() {
  cat >"probe-$1.html" <<HTML
<!DOCTYPE html>
<html><head><meta charset="utf-8"><style>body{margin:0}iframe{border:0;width:1200px;height:900px;display:block}</style></head>
<body><iframe id="f" src="$1/index.html"></iframe><pre id="result">pending</pre>
<script>
var f = document.getElementById('f');
f.addEventListener('load', function () {
  var out = [];
  try {
    var d = f.contentDocument;
    d.documentElement.style.overflow = 'hidden';
    var imgs = d.querySelectorAll('img');
    out.push('imgs ' + imgs.length);
    imgs.forEach(function (im) {
      var r = im.getBoundingClientRect();
      out.push(['img', im.getAttribute('src'), im.complete ? 1 : 0, im.naturalWidth,
                im.naturalHeight, Math.round(r.left), Math.round(r.top),
                Math.round(r.width), Math.round(r.height)].join(' '));
    });
    d.querySelectorAll('figcaption strong').forEach(function (s) {
      out.push('name ' + JSON.stringify(s.textContent));
    });
  } catch (e) { out.push('error ' + e); }
  document.getElementById('result').textContent = out.join('\n');
});
</script></body></html>
HTML
  chrome --allow-file-access-from-files --dump-dom "file://$WORK_DIR/probe-$1.html" >"dom-$1.html" ||
    fail "chromium failed on probe-$1.html (exit $?): $(tail -n 5 "$IO/chrome.err")"
  python3 - "dom-$1.html" >"probe-$1.txt" <<'PY'
import html, re, sys
t = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'<pre id="result">(.*?)</pre>', t, re.S)
print(html.unescape(m.group(1)) if m else "no result")
PY
}

probe ex
python3 - probe-ex.txt <<'PY' || fail "index.html in Chromium: $(cat probe-ex.txt)"
import sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
imgs = [l.split() for l in lines if l.startswith("img ")]
names = [l[5:] for l in lines if l.startswith("name ")]
bad = []
if "imgs 4" not in lines:
    bad.append("expected 4 images: %r" % lines[:1])
for f in imgs:
    src, complete, nw, nh = f[1], f[2], int(f[3]), int(f[4])
    if complete != "1" or (nw, nh) != (800, 600):
        bad.append("%s did not load (complete %s, %dx%d)" % (src, complete, nw, nh))
if names != ['"Cambodia"', '"Laos"', '"Myanmar"', '"Philippines"']:
    bad.append("names %r" % names)
for b in bad:
    print("FAIL: " + b)
sys.exit(1 if bad else 0)
PY
_ok

probe odd
python3 - probe-odd.txt <<'PY' || fail "odd/index.html in Chromium: $(cat probe-odd.txt)"
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
names = sorted(json.loads(l[5:]) for l in lines if l.startswith("name "))
want = sorted(['Foo & <Bar> "q" \'x\'', "<script>alert(1)</script>", "Côte & Île — ကမ္ဘာ ព្រះ"])
loaded = [l for l in lines if l.startswith("img ") and l.split()[2:5] == ["1", "800", "600"]]
ok = names == want and len(loaded) == 3
if not ok:
    print("FAIL: names %r (expected %r), %d of 3 images loaded" % (names, want, len(loaded)))
sys.exit(0 if ok else 1)
PY
_ok

# The screenshot: each map's box (as the probe measured it) is filled with
# map colours (sea blue and land), the gap beside it is page white.
chrome --hide-scrollbars --screenshot="$WORK_DIR/shot.png" "file://$WORK_DIR/ex/index.html" >/dev/null ||
  fail "chromium could not take a screenshot (exit $?): $(tail -n 5 "$IO/chrome.err")"
expect_png shot.png 1200 900
python3 - probe-ex.txt "$PNGPROBE" shot.png <<'PY' || fail "the screenshot does not show the maps (see above)"
import subprocess, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
imgs = [l.split() for l in lines if l.startswith("img ")]
bad, shown = [], 0
for f in imgs:
    src, x, y, w, h = f[1], *map(int, f[5:9])
    if w < 100 or x < 0 or y < 0 or x + w > 1200 or y + h > 900:
        continue  # below the fold
    shown += 1
    pts = [(x + w * (0.05 + 0.9 * i / 11), y + h * (0.15 + 0.65 * j / 7))
           for i in range(12) for j in range(8)]
    gap = (x + w + 8, y + h / 2)
    args = [sys.argv[2], sys.argv[3]]
    for px, py in pts + [gap]:
        args += [str(int(px)), str(int(py))]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout.split("\n")
    rgb = [tuple(map(int, l.split())) for l in out[1:len(pts) + 1]]
    coloured = sum(1 for r, g, b in rgb if min(r, g, b) < 240)
    sea = sum(1 for r, g, b in rgb if b > r + 15)
    land = sum(1 for r, g, b in rgb if r > b + 10)
    if coloured < 0.85 * len(rgb) or sea == 0 or land == 0:
        bad.append("%s at (%d, %d, %dx%d): %d of %d points map-coloured, %d sea, %d land"
                   % (src, x, y, w, h, coloured, len(rgb), sea, land))
    g = out[len(pts) + 1].split()
    if gap[0] < 1200 and g != ["out"] and min(map(int, g)) < 240:
        bad.append("the page beside %s is not white: %r" % (src, g))
if shown < 3:
    bad.append("only %d maps fully in the 1200x900 window: %r" % (shown, imgs))
for b in bad:
    print("FAIL: " + b)
sys.exit(1 if bad else 0)
PY
_ok
