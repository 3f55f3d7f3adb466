# A spreadsheet export: ';' separators, UTF-8 BOM, CRLF line ends, thousands
# separators ("2,198" quoted, "7 000", narrow and no-break spaces), a quoted
# field holding ';' and two line breaks, doubled quotes, decimal-comma
# coordinates, names in Burmese, Khmer, Lao and Thai, and unusual column
# names picked with --name/--lat/--lon/--value. The manifest has the right
# values, the names intact, and the line where each row starts (KK Park's
# note spans lines 3-5, so Poipet starts on line 6).
COLS=(--name "Site name" --lat "Latitude (N)" --lon "Longitude (E)"
      --value "Reported victims")

run_hotmap check --strict "${COLS[@]}" export.csv
expect_exit 0
expect_stderr_contains "export.csv: 7 sites loaded, 0 rows skipped"

mark_previous map.png map.pdf m.json
run_hotmap render --strict "${FAST[@]}" "${COLS[@]}" export.csv \
  -o map.png -o map.pdf --manifest m.json
expect_exit 0
expect_png map.png 800 600
expect_magic map.pdf "%PDF"
expect_no_temp

expect_json m.json '[s["value"] for s in m["sites"]]' \
  '[2198, 7000, 3000, 2500, 1250, 800, 6000]'
expect_json m.json '[s["name"] for s in m["sites"]]' \
  '["မြဝတီ (Myawaddy)", "KK Park", "ប៉ោយប៉ែត (Poipet)", "ສາມຫຼ່ຽມຄຳ (Golden Triangle)", "แม่สอด (Mae Sot)", "Bavet; Svay Rieng", "Sihanoukville"]'
expect_json m.json '[s["line"] for s in m["sites"]]' '[2, 3, 6, 7, 8, 9, 10]'
expect_json m.json '[[s["lon"], s["lat"]] for s in m["sites"]][5]' '[106.148, 11.064]'
expect_json m.json '[s["country"] for s in m["sites"]]' \
  '["MMR", "MMR", "KHM", "LAO", "THA", "KHM", "KHM"]'
expect_json m.json 'm["max_value"]' 7000
for c in Myanmar Cambodia Thailand; do
  expect_json m.json "'$c' in m['highlighted']" true
done

# a bad row after the multi-line field is reported at its own line
printf '\xef\xbb\xbfSite name;Latitude (N);Longitude (E);Reported victims;Notes\r\nA;16,5;98,5;"1,000";\r\nB;16,6;98,6;500;"note\r\nspanning"\r\nC;95;98,7;"2,000";x\r\n' >bad.csv
run_hotmap check "${COLS[@]}" bad.csv
expect_exit 2
expect_row_message bad.csv 5 "Latitude (N)" 95 latitude
