#!/usr/bin/env python3
"""mkshp.py BASE 'NAME|ISO_A3|W,S,E,N' ...: write BASE.shp/.shx/.dbf/.cpg,
a polygon shapefile of one rectangle per argument (fields NAME, ISO_A3,
UTF-8), for tests whose shapes hold names no real country has."""
import struct
import sys


def rect_ring(w, s, e, n):
    # outer rings are clockwise in shapefiles
    return [(w, s), (w, n), (e, n), (e, s), (w, s)]


def main():
    base, feats = sys.argv[1], []
    for a in sys.argv[2:]:
        name, iso, box = a.split("|")
        feats.append((name, iso, [float(v) for v in box.split(",")]))
    recs = []
    for _, _, (w, s, e, n) in feats:
        pts = rect_ring(w, s, e, n)
        content = struct.pack("<i4d2i", 5, w, s, e, n, 1, len(pts))
        content += struct.pack("<i", 0)
        content += b"".join(struct.pack("<2d", x, y) for x, y in pts)
        recs.append(content)
    xs = [f[2][0] for f in feats] + [f[2][2] for f in feats]
    ys = [f[2][1] for f in feats] + [f[2][3] for f in feats]
    bbox = (min(xs), min(ys), max(xs), max(ys))

    def header(length_bytes):
        return (struct.pack(">7i", 9994, 0, 0, 0, 0, 0, length_bytes // 2) +
                struct.pack("<2i", 1000, 5) + struct.pack("<4d", *bbox) +
                struct.pack("<4d", 0, 0, 0, 0))
    body, index, off = b"", b"", 100
    for i, c in enumerate(recs):
        body += struct.pack(">2i", i + 1, len(c) // 2) + c
        index += struct.pack(">2i", off // 2, len(c) // 2)
        off += 8 + len(c)
    with open(base + ".shp", "wb") as f:
        f.write(header(100 + len(body)) + body)
    with open(base + ".shx", "wb") as f:
        f.write(header(100 + len(index)) + index)
    fields = [("NAME", 80), ("ISO_A3", 10)]
    reclen = 1 + sum(n for _, n in fields)
    hlen = 32 + 32 * len(fields) + 1
    dbf = struct.pack("<B3BIHH20x", 3, 124, 1, 1, len(feats), hlen, reclen)
    for fname, n in fields:
        dbf += struct.pack("<11sc4xBB14x", fname.encode(), b"C", n, 0)
    dbf += b"\r"
    for name, iso, _ in feats:
        row = b" "
        for val, (_, n) in zip((name, iso), fields):
            v = val.encode("utf-8")[:n]
            row += v + b" " * (n - len(v))
        dbf += row
    dbf += b"\x1a"
    with open(base + ".dbf", "wb") as f:
        f.write(dbf)
    with open(base + ".cpg", "w") as f:
        f.write("UTF-8\n")


if __name__ == "__main__":
    main()
