# An output whose extension names no format (.gif, none, .png.bak) is a
# usage error: exit 2, and the other outputs are not replaced either.
for bad in map.gif map map.png.bak; do
  mark_previous good.png good.svg m.json
  run_hotmap render "${FAST[@]}" "$EXAMPLES/sites.csv" -o good.png \
    -o "$bad" -o good.svg --manifest m.json
  expect_rejected good.png good.svg m.json
  expect_stderr_contains "$bad"
  expect_no_file "$bad"
done
# the extension is case-insensitive
run_hotmap render "${FAST[@]}" "$EXAMPLES/sites.csv" -o MAP.PNG -o Map.Svg
expect_exit 0
expect_png MAP.PNG 800 600
expect_magic Map.Svg "<?xml" "<svg"
