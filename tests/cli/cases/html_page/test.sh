# -o map.html (issue 16): one self-contained page. Static checks: HTML5
# doctype, lang and charset; the map's SVG inline with a focusable circle
# for every symbol; a table of the sites; the alt text; the title escaped
# (it holds markup); no address beyond the page (no src or href off it, one
# <script>, hotmap's). Then in Debian's chromium through playwright-core
# (tests/browser/page.js; ./build.sh test installs both): axe-core finds no
# WCAG 2.1 A/AA violation, the mouse and the keyboard (Tab, largest symbol
# first; Enter, Escape) show the tooltips, a phone-wide window does not
# scroll sideways, and with JavaScript off the map
# and the table are there. A .htm name is the same page; a batch with
# --format png,html writes a page per map and links it from index.html.
need_cmd python3 node

TITLE='Scam <script>alert(1)</script> & "compounds"'
run_hotmap render --size 1200x900 --dpi 150 "$EXAMPLES/sites.csv" -o map.html -o map.htm \
  --title "$TITLE" --manifest m.json
expect_exit 0
expect_same_bytes map.html map.htm

python3 - map.html m.json "$TITLE" <<'PY' || fail "map.html is not as it should be (see above)"
import html.parser, json, sys
page, man, title = sys.argv[1:4]
m = json.load(open(man, encoding="utf-8"))
src = open(page, encoding="utf-8").read()
bad = []

class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.refs, self.circles, self.rows = [], [], [], 0
        self.text = {}
        self.cur = []
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        for k in ("src", "href", "xlink:href"):
            if k in a and not a[k].startswith("#"):
                self.refs.append(a[k])
        if tag == "circle" and "data-value" in a:
            self.circles.append(a)
        if tag == "tr":
            self.rows += 1
        self.cur.append(tag)
    def handle_endtag(self, tag):
        while self.cur and self.cur.pop() != tag:
            pass
    def handle_data(self, d):
        if self.cur:
            self.text.setdefault(self.cur[-1], []).append(d)

p = P()
p.feed(src)
want = lambda c, w: c or bad.append(w)
want(src.startswith("<!DOCTYPE html>"), "no HTML5 doctype")
want(("html", {"lang": "en"}) in p.tags, "no <html lang=en>")
want(any(t == "meta" and a.get("charset") == "utf-8" for t, a in p.tags), "no charset")
want(sum(t == "svg" for t, a in p.tags) == 1, "not one inline <svg>")
want(sum(t == "script" for t, a in p.tags) == 1, "the title's <script> was not escaped")
want(not p.refs, "addresses off the page: %r" % p.refs)
want("".join(p.text.get("title", [])).startswith(title), "the page's <title> is not the map's")
want(title in "".join(p.text.get("h1", [])), "no <h1> with the title")
want(m["alt_text"] in "".join(p.text.get("figcaption", [])), "the alt text is not the figure's caption")
want(all(c.get("tabindex") == "0" and c.get("aria-label") for c in p.circles), "a circle that cannot be focused or has no name")
shown = [s for s in m["sites"] if m["frame"]["x"] <= s["x"] <= m["frame"]["x"] + m["frame"]["width"]]
want(p.rows == len(shown) + 1, "%d table rows for %d sites" % (p.rows - 1, len(shown)))
want(len(p.circles) == len(shown), "%d circles for %d sites" % (len(p.circles), len(shown)))
want(any(t == "details" for t, a in p.tags), "the table is not in <details>")
for b in bad:
    print("FAIL:", b)
sys.exit(1 if bad else 0)
PY
_ok

# the batch: a page per map, opened from index.html by its picture and a link
run_hotmap batch "${FAST[@]}" "$EXAMPLES/sites.csv" --out-dir b --format png,html
expect_exit 0
for iso in KHM LAO MMR PHL; do
  expect_file "b/$iso.html"
  grep -q "<a href=\"$iso.html\"><img src=\"$iso.png\"" b/index.html ||
    fail "index.html: $iso's picture does not open its page"
  grep -q "<a href=\"$iso.html\">Page</a>" b/index.html || fail "index.html: no link to $iso.html"
done
_ok

[ -x /usr/bin/chromium ] || fail "/usr/bin/chromium absent (Debian package chromium; ./build.sh test installs it)"
[ -d "$REPO/tests/browser/node_modules/playwright-core" ] && [ -d "$REPO/tests/browser/node_modules/axe-core" ] ||
  fail "tests/browser/node_modules is not installed (./build.sh test runs npm ci there)"
timeout 120 node "$REPO/tests/browser/page.js" map.html >browser.txt 2>&1 ||
  fail "in the browser: $(grep -v '^ok' browser.txt | head -n 5)"
_ok
# a batch's page: a country taller than wide, its symbols below the fold
timeout 120 node "$REPO/tests/browser/page.js" b/MMR.html >browser-mmr.txt 2>&1 ||
  fail "in the browser, b/MMR.html: $(grep -v '^ok' browser-mmr.txt | head -n 5)"
_ok
