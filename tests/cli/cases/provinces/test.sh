# --provinces: a boundary file of first-level divisions, written here with
# pyshp the way national offices ship them: Windows-1252 names and no .cpg
# (so hotmap must guess the encoding), a field named ADM1_FR. Cambodia cut
# into a western and an eastern province at 104.5 E: the map draws them
# (layer "provinces" under "borders") and names them; every site in
# Cambodia gets its province in the manifest, the others none; the
# manifest's per-province counts and totals add up, and the batch's
# index.html tabulates them; --province-name picks
# the field, and without it a file with none of the usual fields is refused.
# Then the wrong files: a field that does not exist, lines instead of
# polygons, projected coordinates without a .prj, a .prj of a projected
# CRS: exit 2 naming the file, nothing written.
need_cmd python3
WPY=/usr/bin/python3
"$WPY" -c "import shapefile" ||
  fail "this test needs Debian's python3-pyshp (./build.sh test installs it)"

"$WPY" - <<'PY' || fail "could not write the test's boundary files"
import shapefile
def write(base, kind, recs, field="ADM1_FR", scale=1.0):
    w = shapefile.Writer(base, shapeType=kind, encoding="cp1252")
    w.field(field, "C", 40)
    w.field("PCODE", "C", 8)
    for name, code, (x0, y0, x1, y1) in recs:
        pts = [(x0 * scale, y0 * scale), (x0 * scale, y1 * scale), (x1 * scale, y1 * scale),
               (x1 * scale, y0 * scale), (x0 * scale, y0 * scale)]
        if kind == shapefile.POLYGON:
            w.poly([pts])
        else:
            w.line([pts])
        w.record(name, code)
    w.close()
recs = [("Région Ouest", "KH01", (102.0, 9.5, 104.5, 15.0)),
        ("Région Est", "KH02", (104.5, 9.5, 108.0, 15.0))]
write("prov", shapefile.POLYGON, recs)
write("lines", shapefile.POLYLINE, recs)
write("metres", shapefile.POLYGON, recs, scale=100000.0)
write("utm", shapefile.POLYGON, recs)
open("utm.prj", "w").write('PROJCS["WGS_1984_UTM_Zone_48N",GEOGCS["GCS_WGS_1984",'
                           'DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],'
                           'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],'
                           'PROJECTION["Transverse_Mercator"],UNIT["Meter",1.0]]')
PY
[ ! -e prov.cpg ] || fail "pyshp wrote a .cpg: the test wants a file without one"
_ok

run_hotmap render "${FAST[@]}" "$EXAMPLES/sites.csv" -o map.png --manifest map.json \
  --provinces prov.shp --province-name ADM1_FR
expect_exit 0
expect_png map.png 800 600
python3 - map.json <<'PY' || fail "the manifest's provinces are wrong (see above)"
import json, sys
m = json.load(open(sys.argv[1], encoding="utf-8"))
want = {"Poipet": "Région Ouest", "Sihanoukville": "Région Ouest", "Bavet": "Région Est"}
for s in m["sites"]:
    got = s.get("province", "missing")
    exp = want.get(s["name"])
    assert got == exp, "%s: province %r, expected %r" % (s["name"], got, exp)
p = m["provinces"]
assert p["field"] == "ADM1_FR", p["field"]
tot = {}
for s in m["sites"]:
    if s["province"]:
        c, v = tot.get(s["province"], (0, 0))
        tot[s["province"]] = (c + 1, v + s["value"])
got = {x["name"]: (x["sites"], x["total"]) for x in p["with_sites"]}
assert got == tot, (got, tot)
assert got["Région Ouest"] == (2, 9000), got
ids = [l["id"] for l in m["layers"]]
assert "provinces" in ids and ids.index("provinces") < ids.index("borders"), ids
names = [l["name"] for l in p["labels"]]
assert names, "no province named"
PY
_ok

# a batch: Cambodia's map has the provinces; index.html tabulates them
run_hotmap batch --size 800x600 --dpi 100 "$EXAMPLES/sites.csv" --out-dir maps \
  --countries KHM --manifest --provinces prov.shp --province-name ADM1_FR
expect_exit 0
python3 - maps/index.html <<'PY' || fail "index.html lacks the provinces' table (see above)"
import sys
h = open(sys.argv[1], encoding="utf-8").read()
for row in ("<td>Région Ouest</td><td>2</td><td>9,000</td>",
            "<td>Région Est</td><td>1</td><td>800</td>"):
    assert row in h, row
assert "2 provinces with sites" in h
PY
_ok

# the usual field names are tried; this file has none of them
run_hotmap render "${FAST[@]}" "$EXAMPLES/sites.csv" -o map2.png --provinces prov.shp
expect_exit 2
expect_stderr_contains "prov.dbf" "NAME_1"
expect_no_file map2.png

mark_previous map.png
run_hotmap render "${FAST[@]}" "$EXAMPLES/sites.csv" -o map.png --provinces prov.shp \
  --province-name ADM1_EN
expect_rejected map.png
expect_stderr_contains "prov.dbf" "ADM1_EN" "ADM1_FR" "PCODE"

run_hotmap render "${FAST[@]}" "$EXAMPLES/sites.csv" -o map.png --provinces lines.shp \
  --province-name ADM1_FR
expect_rejected map.png
expect_stderr_contains "lines.shp" "not polygons"

run_hotmap render "${FAST[@]}" "$EXAMPLES/sites.csv" -o map.png --provinces metres.shp \
  --province-name ADM1_FR
expect_rejected map.png
expect_stderr_contains "metres.shp" "EPSG:4326"

run_hotmap render "${FAST[@]}" "$EXAMPLES/sites.csv" -o map.png --provinces utm.shp \
  --province-name ADM1_FR
expect_rejected map.png
expect_stderr_contains "utm.shp" "projected"
