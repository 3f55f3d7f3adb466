# No text from the data ever becomes a path: a CSV whose country column
# holds "../../etc/x", "a/b", "..", "/tmp/evil", "CON", names with slashes
# and control characters, and shapes whose NAME and ISO_A3 hold such text,
# make batch write only DIR/<code>.{png,json} and DIR/index.html, nothing
# anywhere else; the unknown countries are warnings naming their lines.
need_cmd python3

# names a traversal would create outside DIR, checked before and after
outside() {
  local d
  for d in /tmp /etc "$WORK_DIR/.." "$WORK_DIR/../.." "$WORK_DIR/../../.."; do
    find "$d" -maxdepth 1 \( -name 'evil*' -o -name 'x' -o -name 'x.*' -o -name 'b' \
      -o -name 'b.*' -o -name 'CON*' -o -name '..?*' -o -name '*etc*x*' \) \
      -newer "$IO/marker" -print 2>/dev/null
  done
}
tree() {
  # the whole scratch folder but the output folder and the helpers' files
  find "$WORK_DIR" \( -path "$WORK_DIR/.io" -o -path "$1" \) -prune -o -print | LC_ALL=C sort
}
# DIR's files: the code stems (X and a number when the shapes' code is
# not three capitals or digits) and index.html, nothing else
check_names() {
  local f bad=
  for f in $(cd "$1" && LC_ALL=C ls -A); do
    [[ $f =~ ^([A-Z0-9]{3}|X[0-9]{3})\.(png|json)$ || $f == index.html ]] || bad+=" '$f'"
  done
  [ -z "$bad" ] || fail "unexpected file names in $1:$bad"
  _ok
}

python3 - <<'PY'
import csv
rows = [
    ("Myawaddy", "../../etc/x", 16.6881, 98.5084, 1000),
    ("KK Park", "a/b", 16.5633, 98.5720, 7000),
    ("Poipet", "..", 13.6595, 102.5636, 3000),
    ("Sihanoukville", "/tmp/evil", 10.6093, 103.5296, 6000),
    ("Golden Triangle SEZ", "CON", 20.3575, 100.0853, 2500),
    ("Clark", "Philippines/../../x", 15.1860, 120.5470, 1090),
    ("Bavet", "Cambodia\x01\x1b[31m\x7f", 11.0640, 106.1480, 800),
    ("Shwe Kokko", "Myanmar", 16.8370, 98.5260, 4000),
    ("Dot", ".", 13.75, 100.5, 10),
    ("Slashes", "Thailand/Bangkok/", 13.80, 100.55, 10),
    ("Backslashes", "..\\..\\x", 18.79, 98.98, 10),
    ("Long", "../" * 200 + "x", 14.0, 100.6, 10),
]
with open("sites.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["name", "country", "lat", "lon", "value"])
    w.writerows(rows)
PY

mkdir -p deep/d1/d2/d3
: >"$IO/marker"
sleep 0.01
before=$(tree "$WORK_DIR/deep/d1/d2/d3/out")
cd deep/d1/d2/d3 || fail "cannot enter deep/d1/d2/d3"
run_hotmap batch "${FAST[@]}" "$WORK_DIR/sites.csv" --out-dir out --manifest
cd "$WORK_DIR" || fail "cannot return to $WORK_DIR"
expect_exit 0
for line in 2 3 4 5 6 7 8 10 11 12 13; do
  expect_stderr_line "hotmap: $WORK_DIR/sites.csv:$line: " "country" "placed by its coordinates"
done
expect_stderr_lacks "sites.csv:9:"
check_names deep/d1/d2/d3/out
expect_file deep/d1/d2/d3/out/index.html deep/d1/d2/d3/out/MMR.png
after=$(tree "$WORK_DIR/deep/d1/d2/d3/out")
[ "$before" = "$after" ] ||
  fail "batch wrote outside its folder: $(diff <(echo "$before") <(echo "$after") | grep '^>' | head)"
_ok
left=$(outside)
[ -z "$left" ] || fail "batch wrote outside its folder: $left"
_ok

# Shapes whose names and codes are paths: the codes that are not three
# capitals or digits give X<number> stems, the names only reach index.html
# (escaped) and the maps' titles.
python3 "$CLI_DIR/mkshp.py" evil \
  '../../etc/x|../|-140,-10,-134,-4' \
  'a/b/c|a/b|-132,-10,-126,-4' \
  '/tmp/evil|/tm|-124,-10,-118,-4' \
  'CON|CON|-140,-2,-134,4' \
  '..|..|-132,-2,-126,4' \
  'Tab	and new line|A	B|-124,-2,-118,4'
printf 'name,country,lat,lon,value\n' >evil.csv
printf 's%d,,%s,%s,%d\n' 1 -7 -137 100 2 -7 -129 200 3 -7 -121 300 \
  4 1 -137 400 5 1 -129 500 6 1 -121 600 >>evil.csv
before=$(tree "$WORK_DIR/deep/d1/d2/d3/out2")
cd deep/d1/d2/d3 || fail "cannot enter deep/d1/d2/d3"
run_hotmap batch --size 800x600 --dpi 100 --shapes "$WORK_DIR/evil.shp" \
  "$WORK_DIR/evil.csv" --out-dir out2 --manifest
cd "$WORK_DIR" || fail "cannot return to $WORK_DIR"
expect_exit 0
check_names deep/d1/d2/d3/out2
n=$(ls deep/d1/d2/d3/out2/*.png | wc -l)
[ "$n" = 6 ] || fail "expected 6 maps in out2, found $n: $(ls -A deep/d1/d2/d3/out2 | tr '\n' ' ')"
_ok
expect_file deep/d1/d2/d3/out2/CON.png
after=$(tree "$WORK_DIR/deep/d1/d2/d3/out2")
[ "$before" = "$after" ] ||
  fail "batch wrote outside its folder: $(diff <(echo "$before") <(echo "$after") | grep '^>' | head)"
_ok
left=$(outside)
[ -z "$left" ] || fail "batch wrote outside its folder: $left"
_ok

# Text from the data is shown, never obeyed: no control character of the
# CSV reaches the terminal through a message (as the CSV reader's own
# messages show them as '?').
run_hotmap batch "${FAST[@]}" sites.csv --out-dir out3
expect_exit 0
if LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' "$IO/stderr"; then
  fail "stderr echoes control characters from the CSV: $(LC_ALL=C grep $'[\x01-\x08\x0b-\x1f\x7f]' "$IO/stderr" | cat -v)"
fi
_ok
