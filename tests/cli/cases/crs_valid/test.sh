# Valid CRSs work, and the sites land where PROJ puts them in that CRS:
# EPSG codes (Web Mercator, UTM 47N), a PROJ string without +type=crs, and
# WKT2 (from projinfo).
need_cmd cs2cs projinfo python3
projinfo EPSG:32647 -o WKT2_2019 -q >utm47.wkt
grep -q '^PROJCRS\["WGS 84 / UTM zone 47N"' utm47.wkt || fail "projinfo gave no WKT"

n=0
check_crs() {
  n=$((n + 1))
  run_hotmap render "${FAST[@]}" --proj "$1" "$EXAMPLES/sites.csv" \
    -o "map$n.png" --manifest "map$n.json"
  expect_exit 0
  expect_png "map$n.png" 800 600
  expect_json "map$n.json" 'm["projection"]["auto"]' false
  python3 "$CHECK_MANIFEST" "map$n.json" --csv "$EXAMPLES/sites.csv" \
    --in-frame --png "map$n.png" --pngprobe "$PNGPROBE" --size 800 600 \
    --sea 112 12 ||
    fail "--proj $1: the map does not match its manifest or PROJ (see above)"
  _ok
}
check_crs EPSG:3857
expect_json map1.json '"+proj=merc" in m["crs"]' true
check_crs EPSG:32647
expect_json map2.json '"+zone=47" in m["crs"] or "UTM zone 47N" in m["crs"]' true
check_crs "+proj=utm +zone=47 +datum=WGS84"
check_crs "+proj=laea +lat_0=15 +lon_0=105 +ellps=WGS84"
check_crs "$(cat utm47.wkt)"
expect_json map5.json '"+zone=47" in m["crs"] or "UTM zone 47N" in m["crs"]' true
# lower-case authority: accepted too
run_hotmap render "${FAST[@]}" --proj epsg:32647 "$EXAMPLES/sites.csv" -o lower.png
expect_exit 0
n=$((n + 1))
run_hotmap render "${FAST[@]}" --proj auto "$EXAMPLES/sites.csv" -o "map$n.png" --manifest "map$n.json"
expect_exit 0
expect_json "map$n.json" 'm["projection"]["auto"]' true
