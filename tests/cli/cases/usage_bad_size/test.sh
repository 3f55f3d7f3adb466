# --size beyond the limits (100000x100000, 20000x20000 is too many pixels,
# 99x100 is too small) or not WxH: exit 2, nothing written, and quickly
# (no attempt to allocate the image).
for size in 100000x100000 20000x20000 99x100 abc 800x 0x0 -800x600 \
            800x600.5 "800 x 600"; do
  mark_previous map.png map.pdf m.json
  run_hotmap render --dpi 100 --shapes "$SHAPES/countries_110m.shp" \
    --size "$size" "$EXAMPLES/sites.csv" -o map.png -o map.pdf \
    --manifest m.json
  expect_rejected map.png map.pdf m.json
  expect_stderr_contains "--size" "$size"
done
# and bad --dpi
for dpi in 0 -1 abc nan 1e9; do
  mark_previous map.png
  run_hotmap render --size 800x600 --shapes "$SHAPES/countries_110m.shp" \
    --dpi "$dpi" "$EXAMPLES/sites.csv" -o map.png
  expect_rejected map.png
  expect_stderr_contains "--dpi"
done
# the bounds themselves are fine
run_hotmap render --size 100x100 --dpi 36 --shapes "$SHAPES/countries_110m.shp" \
  "$EXAMPLES/sites.csv" -o small.png
expect_exit 0
expect_png small.png 100 100
