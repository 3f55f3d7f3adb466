# A bad --extent: not four numbers, S >= N, latitudes or longitudes out of
# range, W == E: exit 2, the text quoted, nothing written.
for extent in 1,2,3 10,20,5,10 0,10,20,10 1,2,3,4,5 a,b,c,d 0,-91,10,0 \
              200,0,210,10 10,0,10,5 nan,0,10,10 ""; do
  mark_previous map.png m.json
  run_hotmap render "${FAST[@]}" --extent "$extent" "$EXAMPLES/sites.csv" \
    -o map.png --manifest m.json
  expect_rejected map.png m.json
  expect_stderr_contains "--extent \"$extent\""
done
# a good one works, and the manifest keeps it
run_hotmap render "${FAST[@]}" --extent 92,4,127,28 "$EXAMPLES/sites.csv" \
  -o map.png --manifest m.json
expect_exit 0
expect_json m.json '[float(v) for v in m["extent"]]' '[92.0, 4.0, 127.0, 28.0]'
