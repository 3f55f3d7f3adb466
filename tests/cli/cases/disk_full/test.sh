# A full disk, simulated with a file-size limit (ulimit -f, in 1024-byte
# blocks): the write fails with a clear message and exit 1, the old outputs
# stay byte for byte, and no temp file is left.
mark_previous map.png map.pdf m.json
LAST_CMD="(ulimit -f 16; hotmap render ... -o map.png -o map.pdf --manifest m.json)"
(ulimit -f 16; exec "$HOTMAP" render "${FAST[@]}" "$EXAMPLES/sites.csv" -o map.png -o map.pdf \
  --manifest m.json) >"$IO/stdout" 2>"$IO/stderr" && STATUS=0 || STATUS=$?
STDERR=$(cat "$IO/stderr")
expect_exit 1
expect_stderr_contains "write failed: File too large"
expect_previous map.png map.pdf m.json
expect_no_temp

# with room again, the same command writes everything
run_hotmap render "${FAST[@]}" "$EXAMPLES/sites.csv" -o map.png -o map.pdf --manifest m.json
expect_exit 0
expect_png map.png 800 600
expect_no_temp
