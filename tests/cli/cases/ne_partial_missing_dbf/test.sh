# A genuine NE point layer whose .dbf is missing (partial/v2.0.0 populated
# places: its .shp and .shx are there): exit 2, a message naming the
# missing .dbf, nothing written.
need_ne
shp=$NE/partial/v2.0.0/ne_10m_populated_places.shp
[ -e "$shp" ] || fail "$shp is missing; this test needs it"
dbf=${shp%.shp}.dbf
[ ! -e "$dbf" ] || fail "$dbf exists; this test needs it missing"
mark_previous map.png m.json
run_hotmap render --size 800x600 --dpi 100 --shapes "$shp" \
  "$EXAMPLES/sites.csv" -o map.png --manifest m.json
expect_rejected map.png m.json
expect_stderr_line "hotmap: " "$dbf"
