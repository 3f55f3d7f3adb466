# Points without values (issue 15, point 1), on real data nobody here
# prepared: 3,376 US airports (tests/data/vega/airports.csv, no value
# column). Every row counts 1: one symbol size, a legend of one symbol, a
# title that counts the sites, the choice said by --verbose and written in
# the manifest; --aggregate count on a CSV with values does the same;
# --aggregate sum without a value column, and bad --aggregate, --r-max,
# --labels and --cluster values, are usage errors (exit 2, nothing written).
# A world map of them all is too crowded for dots: clustered.
CPY=/usr/bin/python3
CROWD=$(dirname "$CHECK_MANIFEST")/crowding.py
cp "$REPO/tests/data/vega/airports.csv" .

# the contiguous states: dots of one size, made smaller than the style's
# until at most 10% of their area is hidden
mark_previous a.png a.json
run_hotmap render airports.csv --extent -125,24,-66,50 -o a.png --manifest a.json --verbose
expect_exit 0
expect_png a.png 2400 1800
expect_stderr_contains "airports.csv: 3376 sites loaded, 0 rows skipped"
expect_stderr_line "hotmap: airports.csv: no value column" "every row counts 1"
expect_json a.json "m['aggregate']" count
expect_json a.json "m['value_column']" null
expect_json a.json "m['max_value']" 1
expect_json a.json "len(m['sites'])" 3376
expect_json a.json "m['legend']['values']" '[1]'
expect_json a.json "abs(m['legend']['radii'][0] - m['r_max']) < 0.001" true
expect_json a.json "'clusters' in m" false
"$CPY" "$CROWD" a.json --equal-radii --max-leader 6 --max-hidden 0.10 ||
  fail "airports: the map breaks a rule (see above)"
_ok
json_get a.json "m['r_max'] < m['crowding']['r_max_style']" | grep -qx true ||
  fail "3,376 airports drawn at the style's radius"
_ok

# the whole data (Alaska to Guam, and Palau): too crowded for dots of any
# size, so clustered; clusters of counted sites add up to the row count
run_hotmap render airports.csv -o w.png --manifest w.json --verbose
expect_exit 0
expect_stderr_line "hotmap: airports.csv: symbols of any size would bury each other, so sites are clustered"
expect_json w.json "sum(c['value'] for c in m['clusters'])" 3376
expect_json w.json "sum(c['count'] for c in m['clusters'])" 3376
"$CPY" "$CROWD" w.json --max-leader 6 --max-hidden 0.10 || fail "airports, world: a rule is broken (see above)"
_ok

run_hotmap check airports.csv
expect_exit 0
expect_stderr_contains "airports.csv: 3376 sites loaded, 0 rows skipped"

# a CSV with values, counted
run_hotmap render "${FAST[@]}" "$EXAMPLES/sites.csv" --aggregate count -o c.png --manifest c.json
expect_exit 0
expect_json c.json "m['aggregate']" count
expect_json c.json "m['value_column']" victims
"$CPY" "$CROWD" c.json --equal-radii --max-leader 6 || fail "--aggregate count: radii differ (see above)"
_ok
run_hotmap render "${FAST[@]}" "$EXAMPLES/sites.csv" -o s.png --manifest s.json
expect_exit 0
expect_json s.json "m['aggregate']" sum
expect_json s.json "m['value_column']" victims

# usage errors
for args in "--aggregate sum" "--aggregate max" "--r-max -1" "--r-max 0" "--r-max 500" \
  "--labels 1.5" "--labels some" "--labels -3" "--cluster 0" "--cluster -2" "--cluster near"; do
  mark_previous a.png a.json
  # shellcheck disable=SC2086
  run_hotmap render "${FAST[@]}" airports.csv -o a.png --manifest a.json $args
  expect_rejected a.png a.json
  expect_stderr_contains "hotmap: ${args%% *} "
done
run_hotmap render "${FAST[@]}" airports.csv -o a.png --labels -3
expect_stderr_contains "--labels \"-3\": expected a number of labels, all or none"
run_hotmap render "${FAST[@]}" airports.csv -o a.png --aggregate sum
expect_stderr_line "hotmap: --aggregate sum: airports.csv has no value column"

# batch: the caption counts sites and sums nothing
run_hotmap batch airports.csv --countries PLW,PRI --out-dir b -j 2 --size 800x600 --manifest
expect_exit 0
expect_file b/PLW.png b/PRI.png b/index.html
grep -q '(PLW): 1 site<br>' b/index.html || fail "index.html: $(grep -o '(PLW)[^<]*' b/index.html)"
_ok
expect_json b/PLW.json "m['aggregate']" count
expect_no_temp
