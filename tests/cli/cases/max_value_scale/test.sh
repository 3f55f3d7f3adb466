# --max-value sets the value drawn at r_max (one scale across maps): with
# 14000, the 7000 site (KK Park) has half the area of the largest circle.
need_cmd cs2cs python3
run_hotmap render "${FAST[@]}" "$EXAMPLES/sites.csv" -o map.png \
  --manifest map.json
expect_exit 0
python3 "$CHECK_MANIFEST" map.json --csv "$EXAMPLES/sites.csv" \
  --png map.png --pngprobe "$PNGPROBE" --size 800 600 ||
  fail "the map does not match its manifest or PROJ (see above)"
_ok
expect_json map.json 'm["max_value"]' 7000
rmax=$(json_get map.json 'm["r_max"]')

run_hotmap render "${FAST[@]}" "$EXAMPLES/sites.csv" --max-value 14000 \
  -o half.png --manifest half.json
expect_exit 0
python3 "$CHECK_MANIFEST" half.json --csv "$EXAMPLES/sites.csv" \
  --max-value 14000 --png half.png --pngprobe "$PNGPROBE" --size 800 600 ||
  fail "the map does not match its manifest or PROJ (see above)"
_ok
expect_json half.json 'm["max_value"]' 14000
# the symbol scale does not depend on the data's maximum
expect_json half.json "abs(m['r_max'] - $rmax) < 1e-6" true
expect_json half.json \
  "[abs(s['r'] - m['r_max'] * 0.5 ** 0.5) <= 1 for s in m['sites'] if s['name'] == 'KK Park']" \
  "[true]"
# and it is the same circle size as a map whose data maximum is 14000
expect_json half.json \
  "[abs(s['r'] - $rmax * 0.5 ** 0.5) <= 1 for s in m['sites'] if s['name'] == 'KK Park']" \
  "[true]"

# bad --max-value: usage error, nothing written
mark_previous map.png
for v in 0 -5 abc; do
  run_hotmap render "${FAST[@]}" "$EXAMPLES/sites.csv" --max-value "$v" -o map.png
  expect_rejected map.png
  expect_stderr_contains "max-value"
done
