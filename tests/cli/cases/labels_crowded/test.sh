# Label placement on crowded synthetic data (issue 3), checked from the
# manifest by check_manifest.py --labels:
#  - 300 sites in a 3 x 3 degree box around the Myawaddy cluster, defaults:
#    no two placed labels overlap, no label on any symbol (its disc), every
#    label and country label inside the frame, none on the legend box or the
#    scale bar, at least 30 labels placed, legend radii within 0.5 px of the
#    formula, the scale bar within 1% of PROJ's geodesic; the labels left
#    out are the ones --verbose lists (and only --verbose lists them);
#  - rendered again: byte-identical manifest and PNG (deterministic);
#  - 2000 sites over Southeast Asia: the same checks (their time: bench/).
need_cmd cs2cs geod python3
GEN=$CASE_DIR/gen_sites.py
python3 "$GEN" 300 98 15 101 18 1 >crowded.csv
python3 "$GEN" 2000 92 4 127 28 2 >sea2000.csv
[ "$(wc -l <crowded.csv)" = 301 ] || fail "the generator wrote $(wc -l <crowded.csv) lines"

mark_previous map.png map.json
run_hotmap render crowded.csv -o map.png --manifest map.json
expect_exit 0
expect_stderr_contains "crowded.csv: 300 sites loaded, 0 rows skipped"
expect_stderr_lacks "left out"
expect_png map.png 2400 1800
python3 "$CHECK_MANIFEST" map.json --csv crowded.csv --in-frame --labels \
  --min-labels 30 --legend-tol 0.5 --scalebar ||
  fail "crowded.csv: the labels break the placement rules (see above)"
_ok
# the three Myawaddy sites are all there, on one scale
expect_json map.json "sorted(s['name'] for s in m['sites'] if s['name'] in ('KK Park', 'Shwe Kokko', 'Myawaddy'))" \
  '["KK Park", "Myawaddy", "Shwe Kokko"]'

# --verbose lists exactly the labels left out
run_hotmap render --verbose crowded.csv -o verbose.png --manifest verbose.json
expect_exit 0
expect_same_bytes map.json verbose.json
left=$(json_get map.json "len([s for s in m['sites'] if s['label'] is None])")
[ "$left" -gt 0 ] || fail "every label placed on 300 crowded sites: the test data is not crowded"
expect_stderr_lines_with "left out" "$left"
while IFS= read -r name; do
  expect_stderr_line "hotmap: " "\"$name\"" "left out"
done < <(json_get map.json "'\n'.join(s['name'] for s in m['sites'] if s['label'] is None)")

# deterministic: the same input places the same labels, byte for byte
run_hotmap render crowded.csv -o again.png --manifest again.json
expect_exit 0
expect_same_bytes map.json again.json
expect_same_bytes map.png again.png

# 2000 sites over Southeast Asia (how long that takes is measured in
# bench/, not here: a bound on a shared machine under ASan only flakes)
run_hotmap render sea2000.csv -o sea.png --manifest sea.json
expect_exit 0
expect_png sea.png 2400 1800
python3 "$CHECK_MANIFEST" sea.json --csv sea2000.csv --in-frame --labels \
  --min-labels 30 --legend-tol 0.5 --scalebar ||
  fail "sea2000.csv: the labels break the placement rules (see above)"
_ok
run_hotmap render sea2000.csv -o sea-again.png --manifest sea-again.json
expect_exit 0
expect_same_bytes sea.json sea-again.json
expect_no_temp
