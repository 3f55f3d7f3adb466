# Hot spots (issue 15, point 5): Getis-Ord Gi* on the hexagons, checked
# against tests/cli/gistar.py, a reference written in Python from the
# formula (z within 1e-6, p within 1e-9, the Benjamini-Hochberg cut-offs at
# 90/95/99% and every cell's class), and the hexagons' counts against
# tests/cli/density.py's own binning:
#  - a test grid with a planted hot spot and a planted hole: both found, and
#    no cold spots along the edge of the data (the study area is the hull
#    of the cells with sites);
#  - the US ZIP centroids: the dense north-east is hot;
#  - a mode that needs values on a CSV without them: exit 2.
GPY=/usr/bin/python3
GI=$(dirname "$CHECK_MANIFEST")/gistar.py
DENS=$(dirname "$CHECK_MANIFEST")/density.py
python3 "$CASE_DIR/gen_grid.py" >grid.csv

run_hotmap render grid.csv --mode hotspot --size 1200x900 --dpi 150 --cell 5 -o g.png --manifest g.json --verbose
expect_exit 0
expect_png g.png 1200 900
expect_stderr_line "hotmap: grid.csv: 7106 sites in" "hexagons of 5 mm" "7 classes"
"$GPY" "$GI" g.json --min-hot 20 --min-cold 20 || fail "test grid: Gi* differs from the reference (see above)"
_ok
"$GPY" "$DENS" g.json --csv grid.csv || fail "test grid: the hexagons' counts (see above)"
_ok
# the planted spots are where they were planted: hot cells east of 108 E,
# cold cells west of it; none of either on the data's edge
expect_json g.json "m['density']['legend'][6]" "Hot spot, 99% confidence"
expect_json g.json "all(c['neighbours'] >= 4 for c in m['density']['cells'] if c['class'] < 3)" true
expect_json g.json "[l['kind'] for l in m['layers'] if l['kind'] in ('density', 'borders', 'symbols')]" '["density", "borders"]'
# deterministic
run_hotmap render grid.csv --mode hotspot --size 1200x900 --dpi 150 --cell 5 -o g2.png --manifest g2.json
expect_same_bytes g.json g2.json
expect_same_bytes g.png g2.png

# real data: ZIP centroids, the north-east hot
cp "$REPO/tests/data/vega/zipcodes.csv" .
run_hotmap render zipcodes.csv --mode hotspot --extent -125,24,-66,50 -o z.png --manifest z.json
expect_exit 0
"$GPY" "$GI" z.json --min-hot 20 || fail "zipcodes: Gi* differs from the reference (see above)"
_ok
expect_json z.json "any(c['class'] == 6 and c['x'] > 0.75 * m['width'] for c in m['density']['cells'])" true

# values summed: the example, by victims
run_hotmap render "$EXAMPLES/sites.csv" --mode hotspot --cell 8 -o e.png --manifest e.json
expect_exit 0
"$GPY" "$GI" e.json || fail "example: Gi* differs from the reference (see above)"
_ok
run_hotmap render "${FAST[@]}" zipcodes.csv --mode hotspot -o bad.png --aggregate sum
expect_exit 2
expect_stderr_line "hotmap: --aggregate sum: zipcodes.csv has no value column"
expect_no_temp
