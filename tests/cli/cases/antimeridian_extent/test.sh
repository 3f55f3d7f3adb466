# An extent that crosses the antimeridian (W > E): Fiji and Tonga, sites on
# both sides of 180 degrees, all inside the frame and where PROJ puts them.
need_cmd cs2cs python3
# (1:50m shapes: Tonga is too small for 1:110m)
run_hotmap render --size 800x600 --dpi 100 --shapes "$SHAPES/countries_50m.shp" \
  --extent 170,-25,-170,-10 sites.csv \
  -o map.png -o map.svg --manifest map.json
expect_exit 0
expect_png map.png 800 600
expect_magic map.svg "<?xml" "<svg"
python3 "$CHECK_MANIFEST" map.json --csv sites.csv --in-frame \
  --png map.png --pngprobe "$PNGPROBE" --size 800 600 --sea -178 -14 ||
  fail "the map does not match its manifest or PROJ (see above)"
_ok
expect_json map.json 'len(m["sites"])' 5
# the two island groups are apart by their true distance, not by a whole
# world: Suva (178.4E) and Nuku'alofa (175.2W) are ~6.4 degrees apart
expect_json map.json \
  "abs(m['sites'][0]['x'] - m['sites'][3]['x']) < m['frame']['width'] / 2" true
# Fiji and Tonga are highlighted, and each site knows its country
expect_json map.json "[s['country'] for s in m['sites']]" '["FJI", "FJI", "FJI", "TON", "TON"]'
expect_json map.json "sorted(h for h in m['highlighted'] if h in ('Fiji', 'Tonga'))" '["Fiji", "Tonga"]'

# the same without --extent: fitted across the antimeridian too
run_hotmap render "${FAST[@]}" sites.csv -o fit.png --manifest fit.json
expect_exit 0
python3 "$CHECK_MANIFEST" fit.json --csv sites.csv --in-frame \
  --png fit.png --pngprobe "$PNGPROBE" --size 800 600 ||
  fail "the fitted map does not match its manifest or PROJ (see above)"
_ok
expect_json fit.json "m['extent'][0] > m['extent'][2]" true
