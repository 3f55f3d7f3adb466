# Several -o in one run write every file (each in its format), plus the
# manifest, replacing earlier versions, in folders other than the current
# one too; no temp file is left anywhere.
mkdir -p out/sub
mark_previous map.png out/map.svg out/sub/map.pdf m.json
run_hotmap render "${FAST[@]}" "$EXAMPLES/sites.csv" -o map.png \
  -o out/map.svg -o out/sub/map.pdf -o "$PWD/abs.png" --manifest m.json
expect_exit 0
expect_png map.png 800 600
expect_png abs.png 800 600
expect_magic out/map.svg "<?xml" "<svg"
expect_magic out/sub/map.pdf "%PDF"
expect_magic m.json "{"
expect_json m.json 'len(m["sites"])' 8
expect_json m.json '[m["width"], m["height"]]' '[800, 600]'
expect_same_bytes map.png abs.png
expect_no_temp . out out/sub

# the same map drawn alone is the same file: one layout for every output
run_hotmap render "${FAST[@]}" "$EXAMPLES/sites.csv" -o alone.svg
expect_exit 0
expect_same_bytes out/map.svg alone.svg

# the same file twice is harmless
run_hotmap render "${FAST[@]}" "$EXAMPLES/sites.csv" -o twice.png -o twice.png
expect_exit 0
expect_png twice.png 800 600
expect_no_temp
