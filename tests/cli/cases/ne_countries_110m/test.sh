# Genuine Natural Earth ne_110m_admin_0_countries (v2.0.0: lower-case
# field names, Windows-1252 text, no .cpg): the example renders, sites land
# where PROJ puts them, and the countries named in the CSV are recognised
# and highlighted (NE's NAME is "Lao PDR", its ADMIN "Laos"), with names
# converted to UTF-8 ("Côte d'Ivoire").
need_ne
need_cmd cs2cs python3
SHP="$NE/ne_110m_admin_0_countries.shp"

# Windows-1252 names come out as UTF-8
run_hotmap render --size 800x600 --dpi 100 --shapes "$SHP" civ.csv \
  -o civ.png --manifest civ.json
expect_exit 0
expect_json civ.json "m['highlighted']" '["Côte d'"'"'Ivoire"]'
expect_json civ.json "[s['country'] for s in m['sites']]" '["CIV", "CIV"]'

run_hotmap render --size 800x600 --dpi 100 --shapes "$SHP" \
  "$EXAMPLES/sites.csv" -o map.png -o map.svg --manifest m.json
expect_exit 0
expect_png map.png 800 600
expect_magic map.svg "<?xml" "<svg"
expect_json m.json "m['shapes'].endswith('ne_110m_admin_0_countries.shp')" true
python3 "$CHECK_MANIFEST" m.json --csv "$EXAMPLES/sites.csv" --in-frame \
  --png map.png --pngprobe "$PNGPROBE" --size 800 600 --sea 112 12 ||
  fail "the map does not match its manifest or PROJ (see above)"
_ok
expect_json m.json "'Cambodia' in m['highlighted']" true
expect_json m.json "'Myanmar' in m['highlighted']" true
expect_json m.json "'Philippines' in m['highlighted']" true

# the country column wins over the coarse borders: the Golden Triangle SEZ
# ("Laos" in the CSV) is in Laos, and Laos is highlighted
expect_json m.json "[s['country'] for s in m['sites']]" \
  '["MMR", "MMR", "MMR", "KHM", "KHM", "LAO", "PHL", "KHM"]'
expect_json m.json "any(h in ('Laos', 'Lao PDR') for h in m['highlighted'])" true
