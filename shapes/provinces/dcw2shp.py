#!/usr/bin/python3
"""dcw2shp.py ISO2 ISO3 OUTDIR [GRID]: a country's first-level divisions from GMT's
Digital Chart of the World (Debian package gmt-dcw) as OUTDIR/ISO3.shp
(.shx, .dbf, .cpg, .prj): one polygon record per state, fields NAME_1 (the
DCW's name), NAME_ALT (the other name it gives in parentheses), CODE_1 (its
code) and ISO_A3. Each state's outline comes from
`gmt coast -M -EISO2.CODE`; its coordinates are snapped to a grid of
GRID degrees (default 0.01: about 1.1 km; coarser for the widest countries,
whose maps are coarser) and repeated points dropped, a rule of the point alone, so
that a border two states share stays one line (no gaps, no overlaps).
Rings inside rings become holes; longitudes are moved into -180..180 and
a state across the antimeridian (Chukotka, the Aleutians) is cut there.
Needs gmt, gmt-dcw, python3-pyshp and python3-shapely."""
import subprocess
import sys

import shapefile
from shapely.affinity import translate
from shapely.geometry import Polygon, box
from shapely.geometry.polygon import orient

GRID = float(sys.argv[4]) if len(sys.argv) > 4 else 0.01  # degrees


def snap(v):
    return round(round(v / GRID) * GRID, 6)


def rings_of(iso2, code):
    """The state's outlines as GMT writes them, snapped, each a closed list
    of points (GMT's longitudes: 0 to 360 in the western hemisphere)."""
    txt = subprocess.run(["gmt", "coast", "-M", "-E%s.%s" % (iso2, code)],
                         capture_output=True, text=True, check=True).stdout
    rings, cur = [], []
    for line in txt.splitlines() + [">"]:
        if line.startswith(">"):
            pts = []
            for p in cur:
                if not pts or pts[-1] != p:
                    pts.append(p)
            if len(pts) >= 3 and pts[0] != pts[-1]:
                pts.append(pts[0])
            if len(pts) >= 4:
                rings.append(pts)
            cur = []
        elif line.strip():
            x, y = map(float, line.split()[:2])
            cur.append((snap(x), snap(y)))
    return rings


def polygons_of(rings):
    """Rings to polygons in -180..180: a ring inside another is its hole;
    longitudes moved by 360 into range, and a polygon across the
    antimeridian cut there in two (as Natural Earth's countries are)."""
    polys = sorted((Polygon(r) for r in rings), key=lambda q: -abs(q.area))
    polys = [q if q.is_valid else q.buffer(0) for q in polys]
    shells = []  # [shell, [holes]]
    for q in polys:
        if q.is_empty:
            continue
        host = None
        for sh in shells:
            if sh[0].contains(q.representative_point()):
                host = sh
        if host is not None and not any(h.contains(q.representative_point()) for h in host[1]):
            host[1].append(q)
        else:
            shells.append([q, []])
    out = []
    for shell, holes in shells:
        g = shell
        for h in holes:
            g = g.difference(h)
        for dx in (0, -360, 360):
            piece = translate(g, xoff=dx).intersection(box(-180, -90, 180, 90))
            if not piece.is_empty and piece.area > 0:
                out.extend(piece.geoms if hasattr(piece, "geoms") else [piece])
    return [q for q in out if q.geom_type == "Polygon"]


def shp_rings(q):
    """A polygon's rings as a shapefile wants them: shell clockwise, holes
    counter-clockwise."""
    q = orient(q, sign=-1.0)
    return [list(q.exterior.coords)] + [list(i.coords) for i in q.interiors]


def main():
    iso2, iso3, outdir = sys.argv[1:4]
    states = []
    with open("/usr/share/gmt-dcw/dcw-states.txt", encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split(" ", 2)
            if len(p) == 3 and p[0] == iso2:
                states.append((p[1], p[2]))
    base = "%s/%s" % (outdir, iso3)
    w = shapefile.Writer(base, shapeType=shapefile.POLYGON, encoding="utf-8")
    w.field("NAME_1", "C", 80)
    w.field("NAME_ALT", "C", 80)
    w.field("CODE_1", "C", 8)
    w.field("ISO_A3", "C", 3)
    n = 0
    for code, name in states:
        polys = polygons_of(rings_of(iso2, code))
        if not polys:
            print("%s.%s %s: no outline; left out" % (iso2, code, name), file=sys.stderr)
            continue
        w.poly([r for q in polys for r in shp_rings(q)])
        # "Krasnoyarsk Krai (Krasnoyarskiy Kray)", "Odisha (Orissa)": the
        # name, and the other in parentheses as NAME_ALT
        alt = ""
        if name.endswith(")") and " (" in name:
            name, alt = name[:-1].split(" (", 1)
        w.record(name, alt, code, iso3)
        n += 1
    w.close()
    with open(base + ".cpg", "w") as f:
        f.write("UTF-8\n")
    with open(base + ".prj", "w") as f:
        f.write('GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",'
                '6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],'
                'UNIT["Degree",0.0174532925199433]]')
    print("%s: %d states" % (base, n))


if __name__ == "__main__":
    main()
