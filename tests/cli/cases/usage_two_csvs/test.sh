# Two CSVs (or none) on one render: exit 2, nothing written.
cp "$EXAMPLES/sites.csv" a.csv
cp "$EXAMPLES/sites.csv" b.csv
mark_previous map.png m.json
run_hotmap render "${FAST[@]}" a.csv b.csv -o map.png --manifest m.json
expect_rejected map.png m.json
expect_stderr_contains "a.csv" "b.csv"
run_hotmap render "${FAST[@]}" a.csv -o map.png b.csv
expect_rejected map.png m.json
run_hotmap check a.csv b.csv
expect_exit 2
run_hotmap render "${FAST[@]}" -o map.png --manifest m.json
expect_rejected map.png m.json
# a CSV that does not exist
run_hotmap render "${FAST[@]}" nope.csv -o map.png --manifest m.json
expect_rejected map.png m.json
expect_stderr_line "hotmap: nope.csv"
