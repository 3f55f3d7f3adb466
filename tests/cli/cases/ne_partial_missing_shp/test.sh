# A genuine NE layer whose .shp is missing (partial/v2.0.0 110m ocean: only
# its .dbf, .shx and .prj): exit 2, a message naming the missing .shp,
# nothing written; also when --shapes names its .dbf.
need_ne
shp=$NE/partial/v2.0.0/ne_110m_ocean.shp
[ ! -e "$shp" ] || fail "$shp exists; this test needs it missing"
[ -e "${shp%.shp}.dbf" ] || fail "${shp%.shp}.dbf is missing; this test needs it"
for given in "$shp" "${shp%.shp}.dbf"; do
  mark_previous map.png m.json
  run_hotmap render --size 800x600 --dpi 100 --shapes "$given" \
    "$EXAMPLES/sites.csv" -o map.png --manifest m.json
  expect_rejected map.png m.json
  expect_stderr_line "hotmap: " "$shp"
done
