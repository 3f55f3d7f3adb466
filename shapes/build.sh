#!/usr/bin/env bash
# Rebuild shapes/countries_{10m,50m,110m}.{shp,shx,dbf,prj,cpg} from the npm
# package world-atlas 2.0.2 (TopoJSON derived from Natural Earth 4.1.0).
#
# Developers only: the generated files are committed, users never run this.
#
# Usage: shapes/build.sh [path/to/world-atlas-2.0.2.tgz]
#   Without an argument, runs `npm pack world-atlas@2.0.2` in a temp dir.
#
# Needs: bash, tar, sha1sum, python3 (stdlib only), GDAL's ogr2ogr/ogrinfo
# (with GEOS for -makevalid and SpatiaLite for the SQLite dialect; Debian's
# gdal-bin has both), Debian's iso-codes package, and npm if no tarball is
# given. Output is byte-identical from run to run with the same GDAL/GEOS
# (made with Debian GDAL 3.6.2 + GEOS 3.11.1).
set -euo pipefail

PKG=world-atlas@2.0.2
# shasum of the 2.0.2 tarball as published on the npm registry (dist.shasum)
PKG_SHA1=4bca4a578f3a413bd409c3f07f2054fe7375824f
ISO_JSON=/usr/share/iso-codes/json/iso_3166-1.json
# Fixed "last update" date written into the .dbf headers (otherwise GDAL
# writes today's date and the files differ from day to day).
DBF_DATE=2019-01-01
# Width of the NAME field in bytes (longest world-atlas name is 25 bytes).
NAME_WIDTH=32

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

for tool in ogr2ogr ogrinfo python3 tar sha1sum; do
    command -v "$tool" >/dev/null || { echo "build.sh: $tool not found" >&2; exit 1; }
done
[ -r "$ISO_JSON" ] || { echo "build.sh: $ISO_JSON missing (apt install iso-codes)" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/hotmap-shapes.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

if [ $# -ge 1 ]; then
    tgz=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
else
    command -v npm >/dev/null || { echo "build.sh: npm not found (or pass the tarball path)" >&2; exit 1; }
    (cd "$tmp" && npm pack --silent "$PKG" >/dev/null)
    tgz=$tmp/world-atlas-2.0.2.tgz
fi
sha=$(sha1sum "$tgz" | cut -d' ' -f1)
if [ "$sha" != "$PKG_SHA1" ]; then
    echo "build.sh: $tgz has sha1 $sha, expected $PKG_SHA1" >&2
    exit 1
fi
mkdir "$tmp/src" "$tmp/out"
tar -xzf "$tgz" -C "$tmp/src"

# Step 4 needs GDAL's SQLite dialect with SpatiaLite (GEOS functions).
ogrinfo -ro -q -dialect SQLite -sql "SELECT ST_Intersection(MakePoint(0, 0), MakePoint(0, 0))" \
    "$tmp/src/package/countries-110m.json" >/dev/null 2>&1 \
    || { echo "build.sh: GDAL's SQLite dialect lacks SpatiaLite" >&2; exit 1; }

# Helper for steps 2 and 5 below (python3 stdlib only).
cat > "$tmp/shapes.py" <<'PY'
import json, sys

def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)

def dump(obj, path):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False)

def polygons(geom):
    if geom is None or not geom["coordinates"]:
        return []
    if geom["type"] == "Polygon":
        return [geom["coordinates"]]
    assert geom["type"] == "MultiPolygon", geom["type"]
    return geom["coordinates"]

def jumps(ring):
    """Indices i where ring[i] -> ring[i+1] jumps across the antimeridian."""
    return [i for i in range(len(ring) - 1) if abs(ring[i + 1][0] - ring[i][0]) > 180]

def unwrap(ring):
    """Make longitudes continuous (may leave [-180, 180]); return ring, net shift."""
    out, off = [list(ring[0])], 0
    for a, b in zip(ring, ring[1:]):
        d = b[0] - a[0]
        off += -360 if d > 180 else 360 if d < -180 else 0
        out.append([b[0] + off, b[1]])
    return out, off

def close_polar(ring):
    """A ring around the south pole (Antarctica): cut it at the antimeridian and
    close it along x = +-180 and y = -90, as in Natural Earth."""
    pts = ring[:-1]
    j = jumps(ring)
    assert len(j) == 1, "polar ring with %d antimeridian jumps" % len(j)
    assert sum(p[1] for p in pts) / len(pts) < 0, "north polar ring"
    j = j[0]
    seq = pts[j + 1:] + pts[:j + 1]         # no jump inside; seq[-1] -> seq[0] jumps
    a, b = seq[-1], seq[0]
    east = a[0] > b[0]                      # crossing +180 going east
    x = 180.0 if east else -180.0
    bx = b[0] + (360 if east else -360)
    y = a[1] if bx == a[0] else a[1] + (b[1] - a[1]) * (x - a[0]) / (bx - a[0])
    out = [[-x, y]] + seq + [[x, y], [x, -90.0], [-x, -90.0], [-x, y]]
    dedup = [out[0]]
    for p in out[1:]:
        if p != dedup[-1]:
            dedup.append(p)
    return dedup

def cmd_unwrap(src, dst):
    """Undo world-atlas' antimeridian stitching in planar terms: rings that jump
    across +-180 are unwrapped (cut again later, after -makevalid); the ring(s)
    around the south pole are closed along the map edge."""
    data = load(src)
    for k, f in enumerate(data["features"]):
        f["properties"]["k"] = k
        polys = []
        for poly in polygons(f["geometry"]):
            rings = []
            for ring in poly:
                if jumps(ring):
                    u, off = unwrap(ring)
                    ring = u if off == 0 else close_polar(ring)
                rings.append(ring)
            shell_x = [p[0] for p in rings[0]]
            lo, hi = min(shell_x), max(shell_x)
            for i in range(1, len(rings)):      # keep holes inside a shifted shell
                xs = [p[0] for p in rings[i]]
                for s in (0, 360, -360):
                    if lo <= min(xs) + s and max(xs) + s <= hi:
                        break
                else:
                    s = 0                       # polar hole: left to -makevalid
                rings[i] = [[p[0] + s, p[1]] for p in rings[i]]
            polys.append(rings)
        f["geometry"] = {"type": "MultiPolygon", "coordinates": polys} if polys else None
    dump(data, dst)

def ring_area(ring):
    x0, y0 = ring[0]
    s = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        s += (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0)
    return s / 2

def cmd_finish(iso_json, valid, cut, dst, layer, name_width):
    """Put the cut pieces back, drop zero-area slivers, set NAME/ISO_A3/ISO_N3."""
    iso = {e["numeric"]: e["alpha_3"] for e in load(iso_json)["3166-1"]}
    pieces = {}
    for f in load(cut)["features"]:
        pieces.setdefault(f["properties"]["k"], []).extend(polygons(f["geometry"]))
    # MakeValid leaves collinear 3-4 point rings with |area| < 1e-12 square
    # degrees (real rings on world-atlas' quantization grid are > 1e-9). Their
    # winding is numerically undefined, so shapefile readers may take such a
    # hole for a shell ("nested shells" in Brazil at 1:10m): drop them.
    EPS = 1e-12
    feats = []
    for f in load(valid)["features"]:
        p = f["properties"]
        name, num = p["name"], p.get("id")
        if len(name.encode("utf-8")) > int(name_width):
            sys.exit("name too long for the NAME field: %r" % name)
        a3 = iso.get(num) if num else None
        if a3 is None:
            a3 = num = "-99"
        polys = pieces.get(p["k"]) or polygons(f["geometry"])
        clean = []
        for poly in polys:
            for ring in poly:
                assert all(-180 <= x <= 180 and -90 <= y <= 90 for x, y in ring), name
            if abs(ring_area(poly[0])) >= EPS:
                clean.append([poly[0]] + [r for r in poly[1:] if abs(ring_area(r)) >= EPS])
        feats.append({"type": "Feature",
                      "properties": {"NAME": name, "ISO_A3": a3, "ISO_N3": num},
                      "geometry": {"type": "MultiPolygon", "coordinates": clean} if clean else None})
    dump({"type": "FeatureCollection", "name": layer, "features": feats}, dst)

if __name__ == "__main__":
    {"unwrap": cmd_unwrap, "finish": cmd_finish}[sys.argv[1]](*sys.argv[2:])
PY

export OGR_GEOJSON_MAX_OBJ_SIZE=0

for res in 10m 50m 110m; do
    layer=countries_$res
    t=$tmp/$res
    # 1. TopoJSON -> GeoJSON, as is.
    ogr2ogr -f GeoJSON "$t.1.geojson" "$tmp/src/package/countries-$res.json" countries \
        -nln countries

    # 2. world-atlas 2 is "stitched" for spherical use: rings of Russia and
    #    Fiji jump across the antimeridian and Antarctica's rings circle the
    #    pole. Unwrap those rings / close Antarctica along the map edge.
    python3 "$tmp/shapes.py" unwrap "$t.1.geojson" "$t.2.geojson"

    # 3. Repair the rings broken by quantization.
    ogr2ogr -f GeoJSON "$t.3.geojson" "$t.2.geojson" -nln countries \
        -makevalid -nlt MULTIPOLYGON

    # 4. Cut the features that now extend past +-180 at the antimeridian and
    #    shift the outer parts back by 360 degrees.
    cross="MbrMinX(geometry) < -180 OR MbrMaxX(geometry) > 180"
    ogr2ogr -f GeoJSON "$t.4.geojson" "$t.3.geojson" -nlt MULTIPOLYGON \
        -dialect SQLite -sql "
        SELECT k, CollectionExtract(ST_Intersection(geometry,
                      BuildMbr(-180, -90, 180, 90)), 3) AS geometry
          FROM countries WHERE $cross
        UNION ALL
        SELECT k, ST_Translate(CollectionExtract(ST_Intersection(geometry,
                      BuildMbr(180, -90, 540, 90)), 3), -360, 0, 0)
          FROM countries WHERE $cross
        UNION ALL
        SELECT k, ST_Translate(CollectionExtract(ST_Intersection(geometry,
                      BuildMbr(-540, -90, -180, 90)), 3), 360, 0, 0)
          FROM countries WHERE $cross"

    # 5. Fields, sliver removal (python).
    python3 "$tmp/shapes.py" finish "$ISO_JSON" "$t.3.geojson" "$t.4.geojson" \
        "$t.5.geojson" "$layer" "$NAME_WIDTH"

    # 6. GeoJSON -> shapefile with explicit field widths, .prj and .cpg.
    ogr2ogr -f "ESRI Shapefile" "$tmp/out/$layer.shp" "$t.5.geojson" \
        -nln "$layer" -nlt MULTIPOLYGON -a_srs EPSG:4326 \
        -lco ENCODING=UTF-8 -lco DBF_DATE_LAST_UPDATE="$DBF_DATE" \
        -sql "SELECT CAST(NAME AS character($NAME_WIDTH)) AS NAME,
                     CAST(ISO_A3 AS character(3)) AS ISO_A3,
                     CAST(ISO_N3 AS character(3)) AS ISO_N3
              FROM $layer"
done

for res in 10m 50m 110m; do
    for ext in shp shx dbf prj cpg; do
        [ -s "$tmp/out/countries_$res.$ext" ] || { echo "build.sh: countries_$res.$ext not produced" >&2; exit 1; }
    done
done
for res in 10m 50m 110m; do
    for ext in shp shx dbf prj cpg; do
        mv -f "$tmp/out/countries_$res.$ext" "$here/countries_$res.$ext"
    done
done
echo "build.sh: wrote $here/countries_{10m,50m,110m}.{shp,shx,dbf,prj,cpg}"
