# An output path that is an existing folder cannot be replaced: exit 1, and
# the other outputs (before or after it) and the manifest keep their earlier
# versions; no temp file is left, the folder is untouched.
mkdir -p folder.png folder.svg
touch folder.png/keep
mark_previous a.png c.pdf m.json
run_hotmap render "${FAST[@]}" "$EXAMPLES/sites.csv" -o a.png -o folder.png \
  -o c.pdf --manifest m.json
expect_exit 1
expect_stderr_contains "folder.png"
expect_previous a.png c.pdf m.json
expect_no_temp
[ -e folder.png/keep ] || fail "folder.png/keep is gone"
_ok

run_hotmap render "${FAST[@]}" "$EXAMPLES/sites.csv" -o folder.svg -o a.png \
  --manifest m.json
expect_exit 1
expect_previous a.png m.json
expect_no_temp

# the manifest path a folder
mkdir -p folder.json
run_hotmap render "${FAST[@]}" "$EXAMPLES/sites.csv" -o a.png \
  --manifest folder.json
expect_exit 1
expect_previous a.png
expect_no_temp
