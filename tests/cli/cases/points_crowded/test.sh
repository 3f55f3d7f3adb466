# Many proportional symbols (issue 15, point 2), on real data nobody here
# prepared: one week of USGS earthquakes (tests/data/vega/earthquakes.csv,
# --value mag). Checked from the manifest by tests/cli/crowding.py, which
# recomputes the share of symbol area hidden by other symbols by
# rasterising every disc:
#  - defaults: the symbols are made smaller than the style's (a crowd), the
#    manifest's hidden share is the true one (within 0.02) and the rule's:
#    at most 10%, or the radius is the floor (0.5 mm); no leader longer than
#    6 mm; no label on a symbol; labels go to the largest sites first;
#  - --r-max MM: that radius, not shrunk; --labels N / none / all;
#  - the example (8 sites, one cluster of 3 for its inset) is no crowd: the
#    style's radius.
CPY=/usr/bin/python3
CROWD=$(dirname "$CHECK_MANIFEST")/crowding.py
cp "$REPO/tests/data/vega/earthquakes.csv" .

run_hotmap render earthquakes.csv --value mag -o q.png --manifest q.json --verbose
expect_exit 0
expect_png q.png 2400 1800
expect_stderr_contains "earthquakes.csv: 1663 sites loaded, 44 rows skipped"
"$CPY" "$CROWD" q.json --max-leader 6 || fail "earthquakes: the map breaks a rule (see above)"
_ok
json_get q.json "m['r_max'] < m['crowding']['r_max_style'] and (m['crowding']['covered'] <= 0.10 or abs(m['r_max'] - 0.5 / 25.4 * m['dpi']) < 1e-6)" |
  grep -qx true || fail "earthquakes: the crowding rule does not hold: $(json_get q.json "m['crowding']")"
_ok
# the labelled sites are the largest that found room: any site larger than
# the smallest labelled one and left out was tried, so --verbose says so
small=$(json_get q.json "min(s['value'] for s in m['sites'] if s['label'])")
while IFS= read -r line; do
  expect_stderr_line "hotmap: earthquakes.csv: label \"$line\" left out"
done < <(json_get q.json "'\n'.join(sorted({s['name'] for s in m['sites'] if not s['label'] and s['value'] > $small and s['x'] is not None}))")
# deterministic
run_hotmap render earthquakes.csv --value mag -o q2.png --manifest q2.json
expect_same_bytes q.json q2.json
expect_same_bytes q.png q2.png

# --r-max: that radius, whatever the crowd
run_hotmap render "${FAST[@]}" earthquakes.csv --value mag --r-max 2 -o r.png --manifest r.json
expect_exit 0
expect_json r.json "round(m['r_max'], 6)" "$(python3 -c 'print(round(2 / 25.4 * 100, 6))')"
expect_json r.json "m['r_max'] == m['crowding']['r_max_style']" true

# --labels
run_hotmap render "${FAST[@]}" earthquakes.csv --value mag --labels 3 -o l.png --manifest l3.json
expect_exit 0
expect_json l3.json "sum(1 for s in m['sites'] if s['label'])" 3
run_hotmap render "${FAST[@]}" earthquakes.csv --value mag --labels none -o l.png --manifest l0.json
expect_exit 0
expect_json l0.json "sum(1 for s in m['sites'] if s['label'])" 0
run_hotmap render "${FAST[@]}" earthquakes.csv --value mag -o l.png --manifest la.json
run_hotmap render "${FAST[@]}" earthquakes.csv --value mag --labels all -o l.png --manifest lall.json
expect_exit 0
auto=$(json_get la.json "sum(1 for s in m['sites'] if s['label'])")
all=$(json_get lall.json "sum(1 for s in m['sites'] if s['label'])")
[ "$all" -ge "$auto" ] && [ "$auto" -gt 3 ] || fail "labels: auto $auto, all $all"
_ok
"$CPY" "$CROWD" lall.json --max-leader 6 || fail "--labels all breaks a rule (see above)"
_ok

# the example is no crowd: the style's radius, nothing hidden that the
# inset does not show
run_hotmap render "$EXAMPLES/sites.csv" -o e.png --manifest e.json
expect_exit 0
expect_json e.json "m['r_max'] == m['crowding']['r_max_style']" true
"$CPY" "$CROWD" e.json --max-leader 6 || fail "the example breaks a rule (see above)"
_ok
expect_no_temp
