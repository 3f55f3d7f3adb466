# Kernel density (issue 15, point 4): the quartic kernel
# K(u) = 3/pi (1 - u^2)^2 (u < 1) over the bandwidth h in the projected
# plane, checked against the formula:
#  - one site: the highest density is K(0) / h^2 = 3 / (pi h^2), in the
#    manifest's unit (per unit_km2 km^2), and the surface holds one site
#    (its integral within 1%);
#  - a week of earthquakes with ArcGIS's default bandwidth: the integral is
#    the sites in the frame (within 1%), the legend's classes rise, the
#    density layer sits under the borders;
#  - bad bandwidths: exit 2.
printf 'name,lat,lon\nalone,15,100\n' >one.csv
run_hotmap render one.csv --mode kde --bandwidth 100 --extent 95,10,105,20 --size 1200x900 --dpi 150 -o one.png --manifest one.json --verbose
expect_exit 0
expect_stderr_line "hotmap: one.csv: kernel density, quartic, bandwidth 100 km"
expect_json one.json "m['density']['kernel']" quartic
expect_json one.json "abs(m['density']['max'] / m['density']['unit_km2'] / (3 / (3.141592653589793 * 100 ** 2)) - 1) < 1e-9" true
expect_json one.json "abs(m['density']['integral'] - 1) < 0.01" true

cp "$REPO/tests/data/vega/earthquakes.csv" .
run_hotmap render earthquakes.csv --mode kde -o q.png --manifest q.json --verbose
expect_exit 0
expect_png q.png 2400 1800
expect_stderr_line "hotmap: earthquakes.csv: kernel density, quartic, bandwidth" "ArcGIS's default rule"
expect_json q.json "abs(m['density']['integral'] / m['density']['sites'] - 1) < 0.01" true
expect_json q.json "m['density']['breaks'] == sorted(m['density']['breaks'])" true
expect_json q.json "[l['kind'] for l in m['layers'] if l['kind'] in ('land', 'density', 'borders')]" '["land", "density", "borders"]'
expect_json q.json "m['density']['legend'][-1].startswith('\u2265')" true

for bw in -5 0 abc 0.001; do
  mark_previous bad.png
  run_hotmap render "${FAST[@]}" one.csv --mode kde --bandwidth "$bw" -o bad.png
  expect_rejected bad.png
done
expect_stderr_contains "--bandwidth 0.001 km: under two pixels"
expect_no_temp
