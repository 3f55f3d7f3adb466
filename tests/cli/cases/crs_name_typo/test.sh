# A word that is no CRS definition must not be taken for one: PROJ's name
# search maps "foo" to "Amersfoort" (a Dutch datum) and "wgs" to some WGS
# CRS; --proj must reject such text (exit 2) rather than draw a map in a
# CRS the user never named.
for crs in foo wgs; do
  mark_previous map.png
  run_hotmap render "${FAST[@]}" --proj "$crs" "$EXAMPLES/sites.csv" -o map.png
  expect_rejected map.png
  expect_stderr_line "hotmap: " "$crs"
done
