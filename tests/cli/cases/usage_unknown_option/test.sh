# An unknown option, an unknown command, an option without its argument:
# exit 2, the option named, nothing written.
mark_previous map.png
run_hotmap render "${FAST[@]}" --bogus "$EXAMPLES/sites.csv" -o map.png
expect_rejected map.png
expect_stderr_contains "--bogus"
run_hotmap render "${FAST[@]}" "$EXAMPLES/sites.csv" -o map.png -x
expect_rejected map.png
expect_stderr_contains "-x"
run_hotmap check --bogus "$EXAMPLES/sites.csv"
expect_exit 2
expect_stderr_contains "--bogus"
# render-only options are unknown to check
run_hotmap check "$EXAMPLES/sites.csv" -o map.png
expect_rejected map.png
run_hotmap render "$EXAMPLES/sites.csv" -o map.png --extent
expect_rejected map.png
run_hotmap frobnicate "$EXAMPLES/sites.csv"
expect_exit 2
expect_stderr_contains "frobnicate"
run_hotmap
expect_exit 2
# --help is no error
run_hotmap render --help
expect_exit 0
expect_stdout_contains "usage: hotmap render" "--extent" "--proj" "--size" \
  "--dpi" "--shapes" "--max-value" "--manifest" "--strict"
