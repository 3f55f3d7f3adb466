# A tab-separated file works (with the alternative header names place,
# latitude, lng, n, iso_a3; a comma inside a field; an empty name and an
# empty country).
need_cmd cs2cs python3
run_hotmap check --strict sites.tsv
expect_exit 0
expect_stderr_contains "sites.tsv: 5 sites loaded, 0 rows skipped"
run_hotmap render --strict "${FAST[@]}" sites.tsv -o map.png --manifest m.json
expect_exit 0
expect_png map.png 800 600
expect_json m.json '[s["name"] for s in m["sites"]]' \
  '["Myawaddy", "Poipet", "Golden Triangle, SEZ", "Empty name", ""]'
expect_json m.json '[s["value"] for s in m["sites"]]' '[1000, 3000, 2500, 800, 6000]'
expect_json m.json '[s["line"] for s in m["sites"]]' '[2, 3, 4, 5, 6]'
python3 "$CHECK_MANIFEST" m.json --in-frame --png map.png \
  --pngprobe "$PNGPROBE" --size 800 600 ||
  fail "the map does not match its manifest or PROJ (see above)"
_ok
