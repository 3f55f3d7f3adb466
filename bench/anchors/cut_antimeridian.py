#!/usr/bin/python3
"""Cut a world-atlas country shapefile at the antimeridian, for flat (planar) drawing.

usage: cut_antimeridian.py IN.shp OUT.shp

world-atlas 2 is "stitched" for spherical rendering (d3-geo): rings of Russia and Fiji jump
from +180 to -180 and Antarctica's ring circles the South Pole. Read as flat polygons (what
ogr2ogr's plain conversion gives) they draw bands across a whole-world map. As hotmap's
shapes/build.sh does: jumping rings are unwrapped (longitudes made continuous), the polar ring
is cut at +-180 and closed along x = +-180 and y = -90; then every part is made valid, cut at
+-180 and the outer pieces shifted back by 360 degrees. Other features pass through unchanged.
Runs once, in compare.sh's data set-up (not timed), like prepare_data.sh's conversions.
"""
import sys

import geopandas as gpd
from shapely.affinity import translate
from shapely.geometry import MultiPolygon, Polygon, box
from shapely.validation import make_valid


def jumps(ring):
    return [i for i in range(len(ring) - 1) if abs(ring[i + 1][0] - ring[i][0]) > 180]


def unwrap(ring):
    out, off = [tuple(ring[0])], 0
    for a, b in zip(ring, ring[1:]):
        d = b[0] - a[0]
        off += -360 if d > 180 else 360 if d < -180 else 0
        out.append((b[0] + off, b[1]))
    return out, off


def close_polar(ring):
    pts = ring[:-1]
    j = jumps(ring)
    assert len(j) == 1, "polar ring with %d antimeridian jumps" % len(j)
    j = j[0]
    seq = pts[j + 1:] + pts[:j + 1]
    a, b = seq[-1], seq[0]
    east = a[0] > b[0]
    x = 180.0 if east else -180.0
    bx = b[0] + (360 if east else -360)
    y = a[1] if bx == a[0] else a[1] + (b[1] - a[1]) * (x - a[0]) / (bx - a[0])
    pole = -90.0 if sum(p[1] for p in pts) < 0 else 90.0
    return [(-x, y)] + seq + [(x, y), (x, pole), (-x, pole), (-x, y)]


def polygons(g):
    if g is None or g.is_empty:
        return []
    if g.geom_type == "Polygon":
        return [g]
    if g.geom_type in ("MultiPolygon", "GeometryCollection"):
        return [p for q in g.geoms for p in polygons(q)]
    return []


def fix(geom):
    parts, changed = [], False
    for poly in polygons(geom):
        rings = [list(poly.exterior.coords)] + [list(r.coords) for r in poly.interiors]
        if not any(jumps(r) for r in rings):
            parts.append(poly)
            continue
        changed = True
        out = []
        for r in rings:
            if jumps(r):
                u, off = unwrap(r)
                r = u if off == 0 else close_polar(r)
            out.append(r)
        lo, hi = min(p[0] for p in out[0]), max(p[0] for p in out[0])
        for i in range(1, len(out)):            # keep holes inside a shifted shell
            xs = [p[0] for p in out[i]]
            s = next((s for s in (0, 360, -360) if lo <= min(xs) + s and max(xs) + s <= hi), 0)
            out[i] = [(p[0] + s, p[1]) for p in out[i]]
        p = make_valid(Polygon(out[0], out[1:]))
        for lo_x, shift in ((-180, 0), (180, -360), (-540, 360)):
            piece = p.intersection(box(lo_x, -90, lo_x + 360, 90))
            parts += [translate(q, shift, 0) for q in polygons(piece)]
    return MultiPolygon(parts) if changed else geom


def main():
    src, dst = sys.argv[1:3]
    w = gpd.read_file(src)
    w["geometry"] = [fix(g) for g in w.geometry]
    w.to_file(dst, driver="ESRI Shapefile", encoding="UTF-8")


if __name__ == "__main__":
    main()
