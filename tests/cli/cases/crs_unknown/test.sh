# An unknown or unusable CRS is bad input: exit 2, a message quoting it,
# nothing written.
# (EPSG:4978 is geocentric, no map; lon_0=abc is no number)
for crs in "EPSG:999999" "+proj=nonsense" "EPSG:abc" "PROJCRS[" "EPSG:4978" \
           "+proj=utm +zone=99" "+proj=merc +lon_0=abc"; do
  mark_previous map.png map.svg m.json
  run_hotmap render "${FAST[@]}" --proj "$crs" "$EXAMPLES/sites.csv" \
    -o map.png -o map.svg --manifest m.json
  expect_rejected map.png map.svg m.json
  expect_stderr_line "hotmap: " "$crs"
done
