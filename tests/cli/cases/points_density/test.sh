# Density surfaces (issue 15, point 4), on real data nobody here prepared:
# 42,049 US ZIP centroids (tests/data/vega/zipcodes.csv, no value column).
# A render reads the CSV compact (coordinates and values only, in pieces).
# Checked from the manifest by tests/cli/density.py, which projects the CSV
# with pyproj to the manifest's CRS and transform and bins the sites
# itself (a site belongs to the hexagon whose centre is nearest; to the
# square that holds it), and checks that the legend's classes cover every
# cell, with round breaks and one colour each:
#  - --mode hexbin: counts; the legend of classes; the density layer under
#    the borders; no symbols, no site labels;
#  - --mode grid on the example with its values: sums;
#  - --max-value: the top break, one scale across maps; --palette magma;
#  - batch and spec keys; bad --mode, --cell, --palette: exit 2.
DPY=/usr/bin/python3
DENS=$(dirname "$CHECK_MANIFEST")/density.py
cp "$REPO/tests/data/vega/zipcodes.csv" .

run_hotmap render zipcodes.csv --mode hexbin --extent -125,24,-66,50 -o z.png --manifest z.json --verbose
expect_exit 0
expect_png z.png 2400 1800
expect_stderr_line "hotmap: zipcodes.csv: " "sites in" "hexagons of 4 mm" "counted, 5 classes"
"$DPY" "$DENS" z.json --csv zipcodes.csv || fail "zipcodes hexbin: the surface breaks a rule (see above)"
_ok
expect_json z.json "m['density']['mode']" hexbin
expect_json z.json "[l['kind'] for l in m['layers'] if l['kind'] in ('land', 'density', 'borders', 'symbols', 'site-labels')]" '["land", "density", "borders"]'
expect_json z.json "m['density']['legend'][0]" "1–4"
expect_json z.json "len(m['density']['cells']) > 300" true
# deterministic
run_hotmap render zipcodes.csv --mode hexbin --extent -125,24,-66,50 -o z2.png --manifest z2.json
expect_same_bytes z.json z2.json
expect_same_bytes z.png z2.png

# 252,294 sites (the ZIP centroids six times, each copy moved by k/100
# degree): past 200,000 they are projected on a lattice checked against PROJ
# (lattice.h); density.py, projecting every site with pyproj, finds each in
# its hexagon (or within 0.01 px of its edge)
"$DPY" - zipcodes.csv big.csv <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write("lat,lon\n")
    for k in range(6):
        for r in rows:
            f.write("%.5f,%.5f\n" % (float(r["latitude"]) + k / 100, float(r["longitude"]) + k / 100))
PY
run_hotmap render big.csv --mode hexbin --extent -125,24,-66,50 -o big.png --manifest big.json
expect_exit 0
expect_json big.json "m['density']['projected']['by']" lattice
expect_json big.json "m['density']['projected']['max_error_px'] <= 0.001" true
"$DPY" "$DENS" big.json --csv big.csv || fail "252,294 sites on a lattice: the surface breaks a rule (see above)"
_ok
expect_json z.json "m['density']['projected']['by']" proj

# a detail inset shows the same surface magnified (the main map's cells,
# values and classes), in a panel that hides neither the area it shows nor
# more cells than another free corner; the default title counts the sites
# binned in the frame, not the CSV's rows
run_hotmap render zipcodes.csv --mode hexbin --extent -125,24,-66,50 --inset -75,39,-70,42.5 \
  -o i.png --manifest i.json
expect_exit 0
expect_json i.json "[l['kind'] for l in m['insets'][0]['layers'] if l['kind'] in ('density', 'symbols')]" '["density"]'
expect_json i.json "(lambda f, s: f['x'] + f['width'] <= s['x'] or s['x'] + s['width'] <= f['x'] or f['y'] + f['height'] <= s['y'] or s['y'] + s['height'] <= f['y'])(m['insets'][0]['frame'], m['insets'][0]['source'])" true
expect_json i.json "'titled \"{:,} sites\"'.format(m['density']['sites']) in m['alt_text'] and m['density']['sites'] < 42049" true

# squares of 10 mm on the example, its values summed
run_hotmap render "$EXAMPLES/sites.csv" --mode grid --cell 10 -o g.png --manifest g.json
expect_exit 0
"$DPY" "$DENS" g.json --csv "$EXAMPLES/sites.csv" || fail "example grid: the surface breaks a rule (see above)"
_ok
expect_json g.json "m['density']['total']" 25390
expect_json g.json "m['aggregate']" sum

# one scale across maps; another palette
run_hotmap render "${FAST[@]}" zipcodes.csv --mode hexbin --max-value 2000 --palette magma -o x.png --manifest x.json
expect_exit 0
"$DPY" "$DENS" x.json --max-value 2000 --csv zipcodes.csv || fail "--max-value 2000: (see above)"
_ok
expect_json x.json "m['density']['palette']" magma
expect_json x.json "m['density']['colors'] != m['density']['colors'][::-1]" true
run_hotmap render "${FAST[@]}" zipcodes.csv --mode grid --palette style -o s.png --manifest s.json
expect_exit 0
"$DPY" "$DENS" s.json --csv zipcodes.csv || fail "--palette style: (see above)"
_ok

# batch, one scale for all maps
run_hotmap batch "$EXAMPLES/sites.csv" --mode hexbin --cell 6 --countries KHM,THA --out-dir b --manifest --size 800x600 --dpi 100
expect_exit 0
for iso in KHM THA; do
  "$DPY" "$DENS" "b/$iso.json" || fail "batch $iso: (see above)"
  _ok
done
expect_json b/KHM.json "m['density']['breaks'][-1] == m['max_value']" true

# spec keys
cat >d.ini <<'INI'
[map zip]
sites = zipcodes.csv
mode = grid
cell = 5
palette = cividis
extent = -125,24,-66,50
output = spec.png
manifest = spec.json
size = 800x600
dpi = 100
INI
run_hotmap build d.ini
expect_exit 0
expect_json spec.json "(m['density']['mode'], m['density']['cell_mm'], m['density']['palette'])" '["grid", 5, "cividis"]'

# compact rows are read in pieces of 4 MiB: 250,000 rows (6 MB) with quoted
# names that hold line breaks every 997 rows (some across a piece's end)
# and one bad row far into the file, which is reported on its own line
python3 - <<'PY'
import random
random.seed(3)
with open('big.csv', 'w', newline='') as f:
    f.write('name,lat,lon\n')
    line = 2
    for k in range(250000):
        if k == 200000:
            f.write('bad,abc,100\n')
            bad = line
        elif k % 997 == 0:
            f.write('"two\nlines",%.4f,%.4f\n' % (random.uniform(5, 25), random.uniform(95, 125)))
            line += 1
        else:
            f.write('p%d,%.4f,%.4f\n' % (k, random.uniform(5, 25), random.uniform(95, 125)))
        line += 1
open('bad.line', 'w').write(str(bad))
PY
run_hotmap render big.csv --mode grid --extent 90,0,130,30 --size 800x600 --dpi 100 -o big.png --manifest big.json
expect_exit 0
expect_stderr_contains "big.csv: 249999 sites loaded, 1 row skipped"
expect_stderr_line "hotmap: big.csv:$(cat bad.line): " '"abc"'
expect_json big.json "m['density']['sites']" 249999
expect_json big.json "m['density']['total']" 249999

# bad parameters
for args in "--mode kde2" "--cell 0" "--cell -3" "--cell 0.01" "--palette rainbow"; do
  mark_previous bad.png
  # shellcheck disable=SC2086
  run_hotmap render "${FAST[@]}" zipcodes.csv --mode hexbin -o bad.png $args
  expect_rejected bad.png
done
expect_stderr_contains "--palette \"rainbow\": expected viridis, magma, cividis or style"
run_hotmap render "${FAST[@]}" zipcodes.csv --mode hexbin -o bad.png --cell 0.01
expect_stderr_contains "--cell 0.01 mm: below a pixel at 100 dpi"
run_hotmap render "${FAST[@]}" zipcodes.csv --mode hexbin -o bad.png --aggregate sum
expect_exit 2
expect_stderr_line "hotmap: --aggregate sum: zipcodes.csv has no value column"
expect_no_temp
