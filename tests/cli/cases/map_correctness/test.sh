# The example map with every default (2400x1800, shipped shapes, auto
# projection), to PNG + SVG + PDF + manifest: every site where PROJ puts it
# (cs2cs, 0.5 px), area-true radii (1 px), legend on the same scale, the PNG
# symbol-coloured at each site and sea-coloured in the South China Sea; SVG
# and PDF well-formed at the start and byte-identical when rendered again.
need_cmd cs2cs python3
mark_previous map.png map.svg map.pdf map.json
run_hotmap render "$EXAMPLES/sites.csv" -o map.png -o map.svg -o map.pdf \
  --manifest map.json
expect_exit 0
expect_stderr_contains "sites.csv: 8 sites loaded, 0 rows skipped"
expect_png map.png 2400 1800
expect_magic map.svg "<?xml" "<svg"
expect_magic map.pdf "%PDF"
expect_magic map.json "{"
expect_no_temp

python3 "$CHECK_MANIFEST" map.json --csv "$EXAMPLES/sites.csv" --in-frame \
  --png map.png --pngprobe "$PNGPROBE" --size 2400 1800 --sea 112 12 ||
  fail "the map does not match its manifest or PROJ (see above)"
_ok

# the countries with sites are highlighted
for c in Myanmar Cambodia Laos Philippines; do
  expect_json map.json "'$c' in [h for h in m['highlighted']]" true
done

# again, into another folder: the same bytes
mkdir -p again
run_hotmap render "$EXAMPLES/sites.csv" -o again/map.png -o again/map.svg \
  -o again/map.pdf --manifest again/map.json
expect_exit 0
expect_same_bytes map.svg again/map.svg
expect_same_bytes map.pdf again/map.pdf
expect_same_bytes map.png again/map.png
expect_same_bytes map.json again/map.json
expect_no_temp . again
