# render without -o is a usage error (a manifest alone is no map): exit 2,
# the manifest is not written.
mark_previous m.json
run_hotmap render "${FAST[@]}" "$EXAMPLES/sites.csv"
expect_exit 2
expect_stderr_contains "-o"
run_hotmap render "${FAST[@]}" "$EXAMPLES/sites.csv" --manifest m.json
expect_rejected m.json
expect_stderr_contains "-o"
# no CSV either
run_hotmap render -o map.png
expect_exit 2
expect_no_file map.png
