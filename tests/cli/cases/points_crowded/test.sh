# Many proportional symbols (issue 15, point 2), on real data nobody here
# prepared: one week of USGS earthquakes (tests/data/vega/earthquakes.csv,
# --value mag). Checked from the manifest by tests/cli/crowding.py, which
# recomputes the share of symbol area hidden by other symbols by
# rasterising every disc:
#  - defaults: clustered (no symbol size shows this crowd): at most 10% of
#    the symbols' area hidden, no leader longer than 6 mm, no label on a
#    symbol, the clusters adding up to the column's total;
#  - --cluster 3: adds up, and the same clusters with the rows reversed;
#  - --cluster none: the symbols made smaller than the style's, the
#    manifest's hidden share the true one (within 0.02) and the rule's (at
#    most 10%, or the floor's 0.5 mm); labels to the largest sites first;
#  - --r-max MM: that radius, not shrunk; --labels N / none / all;
#  - the example (8 sites, one cluster of 3 for its inset) is no crowd: the
#    style's radius.
CPY=/usr/bin/python3
CROWD=$(dirname "$CHECK_MANIFEST")/crowding.py
cp "$REPO/tests/data/vega/earthquakes.csv" .

# defaults (the issue's check): no symbol size shows this crowd (the
# Californian and Alaskan swarms), so sites are clustered: at most 10% of
# the symbols' area hidden (none), leaders of at most 6 mm, no label on a
# symbol, and the clusters add up to the column's total
run_hotmap render earthquakes.csv --value mag -o q.png --manifest q.json --verbose
expect_exit 0
expect_png q.png 2400 1800
expect_stderr_contains "earthquakes.csv: 1663 sites loaded, 44 rows skipped"
expect_stderr_line "hotmap: earthquakes.csv: symbols of any size would bury each other, so sites are clustered"
"$CPY" "$CROWD" q.json --max-leader 6 --max-hidden 0.10 || fail "earthquakes: the map breaks a rule (see above)"
_ok
expect_json q.json "abs(sum(c['value'] for c in m['clusters']) - sum(s['value'] for s in m['sites'])) < 1e-6" true
expect_json q.json "sum(c['count'] for c in m['clusters'])" 1663
# a cluster's label: its largest member and how many more
expect_json q.json "all(m['sites'][c['site']]['label'] is None or m['sites'][c['site']]['label']['text'] == m['sites'][c['site']]['name'] + ' +%d' % (c['count'] - 1) for c in m['clusters'] if c['count'] > 1)" true
# deterministic
run_hotmap render earthquakes.csv --value mag -o q2.png --manifest q2.json
expect_same_bytes q.json q2.json
expect_same_bytes q.png q2.png

# --cluster 3: clusters add up to the total, and are the same whatever the
# rows' order (the rows reversed)
run_hotmap render "${FAST[@]}" earthquakes.csv --value mag --cluster 3 -o c.png --manifest c3.json
expect_exit 0
expect_json c3.json "abs(sum(c['value'] for c in m['clusters']) - sum(s['value'] for s in m['sites'])) < 1e-6" true
{ head -n 1 earthquakes.csv; tail -n +2 earthquakes.csv | tac; } >reversed.csv
run_hotmap render "${FAST[@]}" reversed.csv --value mag --cluster 3 -o c.png --manifest r3.json
expect_exit 0
members='sorted((round(c["value"], 9), sorted((m["sites"][i]["name"], m["sites"][i]["lon"], m["sites"][i]["lat"]) for i in range(len(m["sites"])) if m["sites"][i]["cluster_of"] == c["site"])) for c in m["clusters"])'
[ "$(json_get c3.json "$members")" = "$(json_get r3.json "$members")" ] ||
  fail "--cluster 3: other clusters when the rows are reversed"
_ok

# --cluster none: the crowding rule alone: symbols made smaller than the
# style's, the manifest's hidden share the true one, and the rule's: at
# most 10%, or the radius is the floor (0.5 mm)
run_hotmap render earthquakes.csv --value mag --cluster none -o n.png --manifest n.json --verbose
expect_exit 0
"$CPY" "$CROWD" n.json --max-leader 6 || fail "earthquakes, --cluster none: a rule is broken (see above)"
_ok
expect_json n.json "'clusters' in m" false
json_get n.json "m['r_max'] < m['crowding']['r_max_style'] and (m['crowding']['covered'] <= 0.10 or abs(m['r_max'] - 0.5 / 25.4 * m['dpi']) < 1e-6)" |
  grep -qx true || fail "earthquakes: the crowding rule does not hold: $(json_get n.json "m['crowding']")"
_ok
# the labelled sites are the largest that found room: any site larger than
# the smallest labelled one and left out was tried, so --verbose says so
small=$(json_get n.json "min(s['value'] for s in m['sites'] if s['label'])")
while IFS= read -r line; do
  expect_stderr_line "hotmap: earthquakes.csv: label \"$line\" left out"
done < <(json_get n.json "'\n'.join(sorted({s['name'] for s in m['sites'] if not s['label'] and s['value'] > $small and s['x'] is not None}))")

# --r-max: that radius, whatever the crowd
run_hotmap render "${FAST[@]}" earthquakes.csv --value mag --r-max 2 --cluster none -o r.png --manifest r.json
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

# the same options as spec keys of `hotmap build`
cat >quakes.ini <<'INI'
[map quakes]
sites = earthquakes.csv
value = mag
cluster = 3
labels = 5
output = spec.png
manifest = spec.json
size = 800x600
dpi = 100
INI
run_hotmap build quakes.ini
expect_exit 0
expect_json spec.json "abs(sum(c['value'] for c in m['clusters']) - sum(s['value'] for s in m['sites'])) < 1e-6" true
expect_json spec.json "sum(1 for s in m['sites'] if s['label']) <= 5" true
cat >count.ini <<'INI'
[map count]
sites = earthquakes.csv
aggregate = count
r-max = 1
cluster = none
output = count.png
manifest = count.json
size = 800x600
dpi = 100
INI
run_hotmap build count.ini
expect_exit 0
expect_json count.json "m['aggregate']" count
expect_json count.json "round(m['r_max'], 6)" "$(python3 -c 'print(round(1 / 25.4 * 100, 6))')"
expect_no_temp

# --dorling: the example's Myawaddy cluster pushed apart until no symbol
# overlaps another, each within the bound (twice the largest radius) of its
# true position, joined to it by a line (the displacement layer); on the
# earthquakes' swarms the bound holds and the pairs left overlapping are
# counted right
run_hotmap render "$EXAMPLES/sites.csv" --dorling -o d.png --manifest d.json --verbose
expect_exit 0
expect_stderr_line "hotmap: " "sites.csv: symbols pushed apart: 3 moved" "0 pairs still overlap"
"$CPY" "$CROWD" d.json --dorling --max-hidden 0 || fail "--dorling on the example (see above)"
_ok
expect_json d.json "m['dorling']['overlaps']" 0
expect_json d.json "[l['kind'] for l in m['layers'] if l['kind'] in ('displacement', 'symbols')]" '["displacement", "symbols"]'
run_hotmap render earthquakes.csv --value mag --dorling -o qd.png --manifest qd.json
expect_exit 0
expect_json qd.json "'clusters' in m" false
"$CPY" "$CROWD" qd.json --dorling --max-leader 6 || fail "--dorling on the earthquakes (see above)"
_ok
expect_no_temp
