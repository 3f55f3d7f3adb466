# Scale bar true at the map's centre (issue 3), checked independently of
# hotmap with PROJ's own tools (check_manifest.py --scalebar: a horizontal
# segment of the bar's pixel length centred on the frame, unprojected with
# cs2cs, measured with geod on WGS84: within 1% of the km or mi shown).
# Maps: the example (auto LCC); Norway (high latitude); the equator
# (Mercator); a given EPSG:3857 extent; the world (Equal Earth); and
# kilometres + miles, and miles alone, from a style. The Mercator and world
# maps are drawn with "show = yes": by default ("auto") a map whose scale
# varies by more than 5% across its frame has no bar, which is checked on
# both. A style with "show = no" draws no scale bar (manifest null).
need_cmd cs2cs geod python3
cat >norway.csv <<'CSV'
name,lat,lon,value
Tromso,69.65,18.96,40
Bergen,60.39,5.32,100
Oslo,59.91,10.75,300
Trondheim,63.43,10.39,80
Hammerfest,70.66,23.68,10
CSV
cat >equator.csv <<'CSV'
name,lat,lon,value
Pontianak,-0.03,109.33,40
Singapore,1.29,103.85,300
Padang,-0.95,100.35,100
Kuching,1.55,110.36,60
CSV
cp "$DATA/world.csv" world.csv # four cities around the world
printf '[scalebar]\nunits = km+mi\n' >kmmi.ini
printf '[scalebar]\nunits = mi\n' >mi.ini
printf '[scalebar]\nshow = no\n' >nobar.ini
printf '[scalebar]\nshow = yes\n' >bar.ini

check_bar() {  # NAME ARGS...: render, then check the bar
  local name=$1
  shift
  run_hotmap render "${FAST[@]}" "$@" -o "$name.png" --manifest "$name.json"
  expect_exit 0
  expect_json "$name.json" "m['scalebar'] is not None" true
  python3 "$CHECK_MANIFEST" "$name.json" --scalebar --labels ||
    fail "$name: the scale bar is not true at the map's centre (see above)"
  _ok
}
check_bar example "$EXAMPLES/sites.csv"
check_bar example_full --size 2400x1800 --dpi 300 "$EXAMPLES/sites.csv"
check_bar norway norway.csv
check_bar equator equator.csv
check_bar merc --style bar.ini --proj EPSG:3857 --extent 92,4,127,28 "$EXAMPLES/sites.csv"
check_bar world --style bar.ini world.csv
# auto: Mercator from 4 to 28 N varies by 13%, Equal Earth of the world far more
for args in "--proj EPSG:3857 --extent 92,4,127,28 $EXAMPLES/sites.csv" "world.csv"; do
  # shellcheck disable=SC2086
  run_hotmap render "${FAST[@]}" $args -o auto.png --manifest auto.json
  expect_exit 0
  expect_json auto.json "m['scalebar']" null
done
check_bar kmmi --style kmmi.ini "$EXAMPLES/sites.csv"
expect_json kmmi.json "m['scalebar']['km'] > 0 and m['scalebar']['mi'] > 0" true
check_bar mi --style mi.ini "$EXAMPLES/sites.csv"
expect_json mi.json "m['scalebar']['mi'] > 0" true
# round lengths: 1, 2, 2.5 or 5 times a power of ten
for f in example norway equator merc world kmmi mi; do
  expect_json $f.json "all(v == 0 or round(v / 10 ** __import__('math').floor(__import__('math').log10(v)), 9) in (1, 2, 2.5, 5) for v in (m['scalebar']['km'], m['scalebar']['mi']))" true
done
run_hotmap render "${FAST[@]}" --style nobar.ini "$EXAMPLES/sites.csv" -o nobar.png --manifest nobar.json
expect_exit 0
expect_json nobar.json "m['scalebar']" null
