#!/usr/bin/python3
"""The world check of `hotmap batch` (tests/cli/cases/world_batch), made
from the shapes and the manifests, not from pictures.

usage: world.py sites SHP OUT.csv
         one site in each feature of SHP (at a point inside its largest
         polygon), named after it, with a value; the CSV names no country,
         so that hotmap assigns each site by its coordinates
       world.py check SHP DIR
         for each DIR/*.json of a batch: the map is a country's; at least
         98% of the area of the country's kept parts (the parts of SHP with
         its ISO code, less those the manifest lists as left out) lies inside
         the frame, projected independently with pyproj; every site is
         inside the frame; the country is named; the locator's outline of the map's extent is a
         closed ring inside the locator's frame
Needs Debian's python3-pyshp, python3-shapely and python3-pyproj.
"""
import csv
import glob
import json
import math
import os
import sys

import pyproj
import shapefile
from shapely.geometry import Polygon, box, shape
from shapely.ops import transform


def polygons(geom):
    """The polygons of a shapefile record's geometry (none for a null one)."""
    if geom.shapeType == shapefile.NULL:
        return []
    g = shape(geom.__geo_interface__)
    return list(g.geoms) if g.geom_type == "MultiPolygon" else [g]


def cmd_sites(shp, out):
    r = shapefile.Reader(shp)
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["name", "lon", "lat", "victims"])
        for i, sr in enumerate(r.iterShapeRecords()):
            parts = [p for p in polygons(sr.shape) if not p.is_empty]
            if not parts:
                continue
            p = max(parts, key=lambda q: q.area).representative_point()
            w.writerow([sr.record[0], "%.5f" % p.x, "%.5f" % p.y, 50 + (i * 37) % 950])


def by_iso(shp):
    r = shapefile.Reader(shp)
    out = {}
    for sr in r.iterShapeRecords():
        name, iso = sr.record[0], sr.record[1]
        key = iso if len(iso) == 3 and iso != "-99" else name
        out.setdefault(key, []).extend(polygons(sr.shape))
        out.setdefault(name, []).extend([])
    return out


def centre_in(bx, lon, lat):
    w, s, e, n = bx
    d = (lon - w) % 360
    return d <= (e - w) % 360 + 1e-9 and s - 1e-9 <= lat <= n + 1e-9


def to_px(crs, t):
    tr = pyproj.Transformer.from_crs("EPSG:4326", pyproj.CRS.from_user_input(crs),
                                     always_xy=True)

    def f(x, y, z=None):
        e, n = tr.transform(x, y)
        if isinstance(e, float):
            return (t[0] * e + t[1] * n + t[2], t[3] * e + t[4] * n + t[5])
        return ([t[0] * a + t[1] * b + t[2] for a, b in zip(e, n)],
                [t[3] * a + t[4] * b + t[5] for a, b in zip(e, n)])
    return f


def unwrap(poly, lon0):
    """A polygon's longitudes moved next to lon0 (the map's centre), so that
    a part beyond the antimeridian projects beside the map, not across it."""
    def shift(x, y, z=None):
        if isinstance(x, float):
            return (x + 360 * round((lon0 - x) / 360), y)
        return ([a + 360 * round((lon0 - a) / 360) for a in x], y)
    return transform(shift, poly)


def check_map(path, shapes, problems):
    m = json.load(open(path, encoding="utf-8"))
    c = m.get("country")
    name = os.path.basename(path)
    if not c:
        problems.append("%s: no \"country\"" % name)
        return None
    key = c["iso"] if c["iso"] in shapes else c["name"]
    parts = shapes.get(key)
    if not parts:
        problems.append("%s: %s is not in the shapes" % (name, key))
        return None
    ext = c["extent"]
    lon0 = ext[0] + ((ext[2] - ext[0]) % 360) / 2
    fr = m["frame"]
    frame = box(fr["x"], fr["y"], fr["x"] + fr["width"], fr["y"] + fr["height"])
    f = to_px(m["crs"], m["transform"])
    kept = inside = 0.0
    for p in parts:
        c0 = p.representative_point()
        if any(centre_in(lo["box"], c0.x, c0.y) for lo in c["left_out"]):
            continue
        q = transform(f, unwrap(p, lon0)).buffer(0)
        kept += q.area
        inside += q.intersection(frame).area
    share = inside / kept if kept > 0 else 0
    if share < 0.98:
        problems.append("%s: %.1f%% of %s's kept area inside the frame" %
                        (name, 100 * share, c["name"]))
    for s in m["sites"]:
        if s["x"] is None or not (fr["x"] <= s["x"] <= fr["x"] + fr["width"] and
                                  fr["y"] <= s["y"] <= fr["y"] + fr["height"]):
            problems.append("%s: site %s outside the frame" % (name, s["name"]))
    names = [x["name"].replace("\n", " ").casefold() for x in m["country_labels"]]
    if c["name"].casefold() not in names:
        problems.append("%s: %s is not named on its own map" % (name, c["name"]))
    loc = [i for i in m["insets"] if i["kind"] == "locator"]
    for i in loc:
        o = i.get("outline")
        if not o:
            problems.append("%s: the locator has no outline" % name)
            continue
        lf = i["frame"]
        lframe = box(lf["x"] - 0.5, lf["y"] - 0.5, lf["x"] + lf["width"] + 0.5,
                     lf["y"] + lf["height"] + 0.5)
        if o["kind"] == "ring":
            pts = o["points"]
            ring = Polygon(pts)
            if len(pts) < 4 or not ring.is_valid:
                problems.append("%s: the locator's outline is not a closed simple ring"
                                % name)
            elif not lframe.contains(ring):
                problems.append("%s: the locator's outline leaves its frame" % name)
        elif o["kind"] == "mark":
            if not lframe.contains(box(o["x"] - o["r"], o["y"] - o["r"],
                                       o["x"] + o["r"], o["y"] + o["r"])):
                problems.append("%s: the locator's mark leaves its frame" % name)
        else:
            problems.append("%s: the locator's outline is cut (%s)" % (name, o["kind"]))
    return share


def cmd_check(shp, d):
    shapes = by_iso(shp)
    problems = []
    files = sorted(glob.glob(os.path.join(d, "*.json")))
    worst = (2.0, "")
    for path in files:
        share = check_map(path, shapes, problems)
        if share is not None and share < worst[0]:
            worst = (share, os.path.basename(path))
    for p in problems:
        print("world.py: " + p, file=sys.stderr)
    print("%d maps checked; least kept area inside its frame: %.2f%% (%s)" %
          (len(files), 100 * worst[0], worst[1]))
    return 1 if problems or not files else 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "sites":
        sys.exit(cmd_sites(sys.argv[2], sys.argv[3]))
    if len(sys.argv) == 4 and sys.argv[1] == "check":
        sys.exit(cmd_check(sys.argv[2], sys.argv[3]))
    print(__doc__, file=sys.stderr)
    sys.exit(2)
