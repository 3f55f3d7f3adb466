# One scale across a batch: --max-value is used by every map, else the
# largest value of the WHOLE CSV (even of a country without a map);
# --countries gives exactly those maps, an empty one for a country without
# sites (a map with a note, not an error); bad codes are usage errors.
# Without a country column, sites go to the polygon they lie in, else the
# nearest country within 10 km. Progress only on a terminal.
need_cmd cs2cs python3

# --max-value, --countries with a country that has no site
run_hotmap batch --size 800x600 --dpi 100 "$EXAMPLES/sites.csv" --out-dir maps \
  --countries THA,MMR --max-value 20000 --manifest --format png,pdf
expect_exit 0
expect_stderr_contains "2 maps written to maps"
got=$(cd maps && LC_ALL=C ls -A | tr '\n' ' ')
[ "$got" = "MMR.json MMR.pdf MMR.png THA.json THA.pdf THA.png index.html " ] ||
  fail "files in maps/: '$got', expected the MMR and THA maps and index.html only"
_ok
expect_json maps/MMR.json 'm["max_value"]' 20000
expect_json maps/THA.json 'm["max_value"]' 20000
python3 "$CHECK_MANIFEST" maps/MMR.json --in-frame --max-value 20000 \
  --png maps/MMR.png --pngprobe "$PNGPROBE" --size 800 600 ||
  fail "maps/MMR.json is not on the --max-value scale (see above)"
_ok
expect_json maps/MMR.json 'len(m["sites"])' 3
# Thailand: no sites, still a whole map, on the same scale
expect_png maps/THA.png 800 600
expect_magic maps/THA.pdf "%PDF-"
expect_json maps/THA.json 'm["sites"]' '[]'
expect_json maps/THA.json 'm["r_max"]' "$(json_get maps/MMR.json 'm["r_max"]')"
expect_json maps/THA.json 'm["legend"]["values"][0] <= 20000' true
grep -q '<strong>Thailand</strong> (THA): 0 sites' maps/index.html ||
  fail "index.html does not list Thailand with 0 sites"
_ok
# the note on the map itself (its subtitle), where poppler's pdftotext is
if command -v pdftotext >/dev/null 2>&1; then
  pdftotext maps/THA.pdf - | grep -q "No sites in the data for Thailand" ||
    fail "THA.pdf has no note saying it has no sites: $(pdftotext maps/THA.pdf - | head -n 3 | tr '\n' '|')"
  _ok
fi

# no --max-value: the largest value of the whole CSV (7000, KK Park in
# Myanmar), not of the countries mapped
run_hotmap batch --size 800x600 --dpi 100 "$EXAMPLES/sites.csv" --out-dir two \
  --countries THA,KHM,THA --manifest
expect_exit 0
got=$(cd two && LC_ALL=C ls -A | tr '\n' ' ')
[ "$got" = "KHM.json KHM.png THA.json THA.png index.html " ] ||
  fail "files in two/: '$got' (a country named twice is one map)"
_ok
expect_json two/KHM.json 'm["max_value"]' 7000
expect_json two/THA.json 'm["max_value"]' 7000

# a code that is not in the shapes: bad usage, nothing written
run_hotmap batch --size 800x600 --dpi 100 "$EXAMPLES/sites.csv" --out-dir none \
  --countries THA,XXX
expect_exit 2
expect_stderr_line "hotmap: " "XXX"
expect_no_file none
run_hotmap batch --size 800x600 --dpi 100 "$EXAMPLES/sites.csv" --out-dir none \
  --countries Thailand
expect_exit 2
expect_stderr_line "hotmap: " "Thailand"
expect_no_file none

# No country column: Bangkok is in Thailand, a site 4 km off Hua Hin is
# within 10 km of it, one 37 km out in the Gulf is on no map (a warning).
run_hotmap batch --size 800x600 --dpi 100 nocountry.csv --out-dir near --manifest
expect_exit 0
expect_stderr_line "hotmap: nocountry.csv:4: " "Gulf of Thailand" "no country"
got=$(cd near && LC_ALL=C ls -A | tr '\n' ' ')
[ "$got" = "THA.json THA.png index.html " ] || fail "files in near/: '$got'"
_ok
expect_json near/THA.json '[s["name"] for s in m["sites"]]' '["Bangkok", "Off Hua Hin"]'
python3 "$CHECK_MANIFEST" near/THA.json --in-frame --max-value 100 ||
  fail "near/THA.json: sites not inside the frame or not on the CSV's scale"
_ok

# progress: a line on a terminal (script gives it one), none otherwise
if command -v script >/dev/null 2>&1; then
  out=$(script -qefc "$(printf '%q ' "$HOTMAP" batch "${FAST[@]}" "$EXAMPLES/sites.csv" --out-dir tty)" /dev/null </dev/null 2>&1) ||
    fail "hotmap batch on a terminal failed: $out"
  [[ $out == *"4 of 4 maps"* ]] || fail "no progress line on a terminal: $out"
  _ok
fi
