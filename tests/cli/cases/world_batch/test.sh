# hotmap batch over the world: one site in each of the 236 countries of
# Natural Earth's 1:50m admin-0 layer (the shipped shapes/countries_50m),
# assigned by their coordinates, maps in their own shape (size auto, the
# batch's default). Checked from the manifests and the shapes, not from
# pictures (tests/cli/world.py): each map is its country's, at least 98% of
# its kept parts' area inside the frame (projected again with pyproj), every
# site inside the frame, the locator's outline of the map a closed ring
# inside the locator (or a dot where the map is a speck), the country named
# on its own map; the labels' and
# furniture's rules of check_manifest.py on every map (names on nothing);
# and the cases the issue named: Indonesia keeps Papua and names Malaysia
# and Papua New Guinea, France leaves French Guiana out,
# Chile and Vietnam are portrait, the USA's, Russia's and Fiji's locators
# show closed outlines.
need_cmd python3
WPY=/usr/bin/python3
WORLD=$(dirname "$CHECK_MANIFEST")/world.py
"$WPY" -c "import shapefile, shapely, pyproj" ||
  fail "this test needs Debian's python3-pyshp, python3-shapely and python3-pyproj (./build.sh test installs them)"

"$WPY" "$WORLD" sites "$SHAPES/countries_50m.shp" world.csv || fail "world.py sites failed"
[ "$(wc -l <world.csv)" -ge 200 ] || fail "world.csv: fewer than 200 sites"
_ok

run_hotmap batch world.csv --out-dir w --manifest -j 2
expect_exit 0
n=$(ls w/*.png | wc -l)
[ "$n" -ge 200 ] || fail "only $n maps written"
_ok

"$WPY" "$WORLD" check "$SHAPES/countries_10m.shp" w || fail "the world check failed (see above)"
_ok

# one symbol scale for the batch: the CSV's largest value
vmax=$("$WPY" -c 'import csv, sys; print(max(float(r["victims"]) for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))))' world.csv)
for j in w/*.json; do
  "$WPY" "$CHECK_MANIFEST" "$j" --in-frame --labels --furniture --max-value "$vmax" >/dev/null ||
    fail "$j breaks the label or furniture rules (run check_manifest.py on it)"
done
_ok

# the countries the issue named
[ "$(json_get w/IDN.json 'm["country"]["extent"][2] > 140.5')" = true ] ||
  fail "Indonesia's map stops short of Papua (east edge $(json_get w/IDN.json 'm["country"]["extent"][2]'))"
[ "$(json_get w/FRA.json 'm["country"]["extent"][0] > -10')" = true ] ||
  fail "France's map reaches for French Guiana"
[ "$(json_get w/FRA.json 'len(m["country"]["left_out"]) >= 1')" = true ] ||
  fail "France's manifest lists no part left out"
for n in MALAYSIA "PAPUA NEW GUINEA"; do
  [ "$(json_get w/IDN.json "\"$n\" in [x[\"name\"].replace(\"\\n\", \" \") for x in m[\"country_labels\"]]")" = true ] ||
    fail "Indonesia's map does not name $n"
done
# India's map draws and names its states from the shipped DCW data, and
# its site has its state
[ "$(json_get w/IND.json 'm["provinces"] is not None and m["provinces"]["file"].endswith("provinces/IND.shp") and len(m["provinces"]["labels"]) >= 5 and all(s["province"] for s in m["sites"])')" = true ] ||
  fail "India's map does not draw, name and assign its shipped states"
for iso in CHL VNM; do
  [ "$(json_get "w/$iso.json" 'm["height"] > m["width"]')" = true ] ||
    fail "$iso's map is not portrait: $(json_get "w/$iso.json" 'm["width"], m["height"]')"
done
for iso in USA RUS FJI; do
  [ "$(json_get "w/$iso.json" '[i["outline"]["kind"] for i in m["insets"] if i["kind"] == "locator"]')" = '["ring"]' ] ||
    fail "$iso's locator shows no closed outline"
done
_ok
