# A shapefile whose .dbf is missing (and one without its .shx): exit 2, a
# message naming the missing file, nothing written.
cp "$SHAPES/countries_110m.shp" "$SHAPES/countries_110m.shx" \
  "$SHAPES/countries_110m.prj" .
mark_previous map.png m.json
run_hotmap render --size 800x600 --dpi 100 \
  --shapes countries_110m.shp sites.csv -o map.png --manifest m.json
expect_rejected map.png m.json
expect_stderr_line "hotmap: " "countries_110m.dbf"

mkdir -p noshx
cp "$SHAPES/countries_110m.shp" "$SHAPES/countries_110m.dbf" noshx/
run_hotmap render --size 800x600 --dpi 100 \
  --shapes noshx/countries_110m.shp sites.csv -o map.png --manifest m.json
expect_rejected map.png m.json
expect_stderr_line "hotmap: " "countries_110m.shx"
