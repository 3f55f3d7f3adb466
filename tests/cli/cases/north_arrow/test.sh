# The north arrow (style key north_arrow = auto): drawn where north turns
# across the map (the example's Lambert conic), pointing where PROJ's own
# cs2cs says north is at the arrow (within half a degree); left out where
# north is up everywhere (Mercator) and on a world map, whose corners lie
# beyond the edge of the world and across which north turns by far more
# than one arrow could show (manifest: north_arrow null).
need_cmd cs2cs python3
run_hotmap render "${FAST[@]}" "$EXAMPLES/sites.csv" -o sea.png --manifest sea.json
expect_exit 0
python3 - sea.json <<'PY' || fail "the example's north arrow does not point north"
import json, math, subprocess, sys
m = json.load(open(sys.argv[1]))
na = m["north_arrow"]
assert na is not None, "no north arrow on a conic map"
a, b, c, d, e, f = m["transform"]
assert b == 0 and d == 0
E, N = (na["x"] - c) / a, (na["y"] - f) / e
def cs2cs(args, x, y):
    out = subprocess.run(["cs2cs", "-f", "%.10f"] + args, input=f"{x} {y}\n",
                         capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), float(out[1])
crs = m["crs"]
lon, lat = cs2cs(crs.split() + ["+to", "+proj=longlat", "+datum=WGS84"], E, N)
E2, N2 = cs2cs(["+proj=longlat", "+datum=WGS84", "+to"] + crs.split(), lon, lat + 0.01)
want = math.degrees(math.atan2(E2 - E, N2 - N))
print(f"north arrow {na['angle']:.2f} deg, PROJ {want:.2f} deg", file=sys.stderr)
assert abs(want) > 1, "north is nearly up here: the arrow should not be needed"
assert abs(na["angle"] - want) < 0.5
PY
_ok

cat >equator.csv <<'CSV'
name,lat,lon,value
Pontianak,-0.03,109.33,40
Singapore,1.29,103.85,300
Padang,-0.95,100.35,100
CSV
run_hotmap render "${FAST[@]}" equator.csv -o eq.png --manifest eq.json
expect_exit 0
expect_json eq.json 'm["north_arrow"]' null
expect_json eq.json '"+proj=merc" in m["crs"]' true

cp "$DATA/world.csv" world.csv # four cities around the world
run_hotmap render "${FAST[@]}" world.csv -o world.png --manifest world.json
expect_exit 0
expect_json world.json '"+proj=eqearth" in m["crs"]' true
expect_json world.json 'm["north_arrow"]' null
# the whole world asked for, corners and all (PROJ's inverse gives numbers
# there, but they do not project back to the corner)
run_hotmap render --size 2400x1800 --dpi 300 --shapes "$SHAPES/countries_110m.shp" \
  --extent -180,-90,180,90 --proj "+proj=eqearth +datum=WGS84" --title "Sites worldwide" \
  world.csv -o world2.png --manifest world2.json
expect_exit 0
expect_json world2.json 'm["north_arrow"]' null
