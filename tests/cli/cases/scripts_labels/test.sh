# Local-script labels (issue 3, "Fonts and scripts"): Burmese, Khmer, Thai
# and Lao names from a `local` column (--label local) render with no
# missing glyph (Pango's unknown-glyph count, "missing_glyphs" in the
# manifest), every label placed, and the manifest's label text is the CSV's,
# byte for byte. Control: characters no font has (U+E000/U+E001 private
# use, U+0378/U+0379 unassigned) are counted and warned about as
# "hotmap: FILE:LINE: label ...", the map still written.
need_cmd cs2cs python3
run_hotmap render --label local scripts.csv -o map.png -o map.svg \
  --manifest map.json
expect_exit 0
expect_stderr_contains "scripts.csv: 6 sites loaded, 0 rows skipped"
expect_stderr_lacks "no installed font"
expect_png map.png 2400 1800
expect_magic map.svg "<?xml" "<svg"
expect_json map.json "m['missing_glyphs']" 0
python3 "$CHECK_MANIFEST" map.json --csv scripts.csv --label-column local \
  --all-labelled --labels --in-frame ||
  fail "local-script labels: not all placed, or their text differs (see above)"
_ok
# the text is the local one, not the name
expect_json map.json "m['sites'][0]['label']['text']" "မြဝတီ"
expect_json map.json "m['sites'][1]['label']['text']" "ប៉ោយប៉ែត"
expect_json map.json "m['sites'][2]['label']['text']" "แม่สอด"
expect_json map.json "m['sites'][3]['label']['text']" "ສາມຫຼ່ຽມຄຳ"
# and the names are still the names
expect_json map.json "m['sites'][0]['name']" Myawaddy

# the same names as the site names (no --label): same result
python3 - <<'PY'
import csv
rows = list(csv.reader(open("scripts.csv", encoding="utf-8")))
with open("local_names.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["name", "lat", "lon", "victims"])
    for r in rows[1:]:
        w.writerow([r[1], r[2], r[3], r[4]])
PY
run_hotmap render local_names.csv -o names.png --manifest names.json
expect_exit 0
expect_json names.json "m['missing_glyphs']" 0
python3 "$CHECK_MANIFEST" names.json --csv local_names.csv --label-column name \
  --all-labelled --labels ||
  fail "local-script names as site names: not all placed, or text differs"
_ok

# control: characters that no installed font has
python3 - <<'PY'
with open("nofont.csv", "w", encoding="utf-8") as f:
    f.write("name,local,lat,lon,victims\n")
    f.write("Myawaddy,\ue000\ue001 PUA,16.6881,98.5084,1000\n")
    f.write("Poipet,ប៉ោយប៉ែត,13.6595,102.5636,3000\n")
    f.write("Nowhere,\u0378\u0379,13.0,100.0,300\n")
PY
# (make sure the control is one: fontconfig has no font for these)
for cp in e000 0378; do
  n=$(fc-list ":charset=$cp" family 2>/dev/null | wc -l)
  [ "$n" = 0 ] || fail "a font on this machine covers U+$cp: the control is void"
done
run_hotmap render --label local nofont.csv -o nofont.png --manifest nofont.json
expect_exit 0
expect_png nofont.png 2400 1800
expect_json nofont.json "m['missing_glyphs'] >= 4" true
expect_stderr_line "hotmap: nofont.csv:2: " "label" "no installed font"
expect_stderr_line "hotmap: nofont.csv:4: " "label" "no installed font"
expect_stderr_lines_with "no installed font" 2
