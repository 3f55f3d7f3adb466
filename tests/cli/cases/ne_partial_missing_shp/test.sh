# Genuine NE 10m countries whose .shp is missing (partial/v2.0.0 and
# v4.1.0: only .dbf/.shx/.prj): exit 2, a message naming the missing .shp,
# nothing written.
need_ne
for v in v2.0.0 v4.1.0; do
  shp=$NE/partial/$v/ne_10m_admin_0_countries.shp
  [ ! -e "$shp" ] || fail "$shp exists; this test needs it missing"
  mark_previous map.png m.json
  run_hotmap render --size 800x600 --dpi 100 --shapes "$shp" \
    "$EXAMPLES/sites.csv" -o map.png --manifest m.json
  expect_rejected map.png m.json
  expect_stderr_line "hotmap: " "$shp"
done
