# A missing column is bad input: exit 2, a message on the header line that
# lists the file's columns, nothing written.

# no latitude column ("latitud" is not one of lat, latitude)
mark_previous map.png m.json
run_hotmap render "${FAST[@]}" nolat.csv -o map.png --manifest m.json
expect_rejected map.png m.json
expect_stderr_line "hotmap: nolat.csv:1: " "lat" \
  '"name"' '"country"' '"latitud"' '"lon"' '"victims"'
expect_stderr_lacks "sites loaded"

run_hotmap check nolat.csv
expect_exit 2
expect_stderr_line "hotmap: nolat.csv:1: " '"latitud"' '"victims"'

# ... which --lat names
run_hotmap render "${FAST[@]}" nolat.csv --lat latitud -o map.png
expect_exit 0
expect_png map.png 800 600

# --value naming a column that does not exist
mark_previous map.png m.json
run_hotmap render "${FAST[@]}" sites.csv --value NOPE -o map.png --manifest m.json
expect_rejected map.png m.json
expect_stderr_line "hotmap: sites.csv:1: " '"NOPE"' \
  '"name"' '"country"' '"lat"' '"lon"' '"victims"' '"source"'

run_hotmap check sites.csv --value NOPE
expect_exit 2
expect_stderr_line "hotmap: sites.csv:1: " '"NOPE"' '"victims"'

# column names given with an option are case-insensitive, like the defaults
run_hotmap check sites.csv --value VICTIMS --lat LAT --lon Lon --name NAME
expect_exit 0
expect_stderr_contains "sites.csv: 8 sites loaded, 0 rows skipped"
