# When one output cannot be written (its folder is missing, or is a file),
# exit 1 (a failure while working) and none of the other outputs or the
# manifest replaces its earlier version; no temp file is left.
mark_previous a.png b.svg c.pdf m.json
run_hotmap render "${FAST[@]}" "$EXAMPLES/sites.csv" -o a.png -o b.svg \
  -o nodir/x.png -o c.pdf --manifest m.json
expect_exit 1
expect_stderr_contains "nodir/x.png"
expect_previous a.png b.svg c.pdf m.json
expect_no_temp
expect_no_file nodir

# the unwritable one first or last makes no difference
run_hotmap render "${FAST[@]}" "$EXAMPLES/sites.csv" -o nodir/x.svg \
  -o a.png -o b.svg --manifest m.json
expect_exit 1
expect_previous a.png b.svg m.json
expect_no_temp
run_hotmap render "${FAST[@]}" "$EXAMPLES/sites.csv" -o a.png -o b.svg \
  -o c.pdf --manifest nodir/m.json
expect_exit 1
expect_stderr_contains "nodir/m.json"
expect_previous a.png b.svg c.pdf m.json
expect_no_temp

# a path through a regular file
printf 'file\n' >notdir
run_hotmap render "${FAST[@]}" "$EXAMPLES/sites.csv" -o a.png \
  -o notdir/x.pdf --manifest m.json
expect_exit 1
expect_previous a.png m.json
expect_no_temp

# a folder that refuses new files: a read-only one; for root, who may write
# there anyway, sysfs, which refuses new files to everyone
ro=ro
if [ "$(id -u)" -eq 0 ]; then
  ro=/sys
else
  mkdir -p ro
  chmod a-w ro
fi
if (: >"$ro/.hotmap-probe") 2>/dev/null; then
  rm -f "$ro/.hotmap-probe"
  fail "$ro accepts new files; this check needs a folder that refuses them"
fi
run_hotmap render "${FAST[@]}" "$EXAMPLES/sites.csv" -o a.png -o "$ro/x.png"
[ "$ro" = /sys ] || chmod u+w ro
expect_exit 1
expect_stderr_contains "$ro/x.png"
expect_previous a.png
expect_no_temp . "$ro"

# and when all can be written, all are replaced
run_hotmap render "${FAST[@]}" "$EXAMPLES/sites.csv" -o a.png -o b.svg \
  -o c.pdf --manifest m.json
expect_exit 0
expect_png a.png 800 600
expect_magic b.svg "<?xml" "<svg"
expect_magic c.pdf "%PDF"
expect_magic m.json "{"
expect_no_temp
