#!/usr/bin/env python3
"""Convert between a shapefile and the input of fuzz_shapefile.

    shapefile_pack.py pack STEM OUT      STEM.shp/.shx/.dbf (+ .cpg) -> OUT
    shapefile_pack.py unpack IN STEM     IN -> STEM.shp/.shx/.dbf (+ .cpg)

The input is three little-endian uint32 lengths (.shp, .shx, .dbf), the
three files, then the .cpg text if any. unpack turns a fuzz finding into
files that `hotmap --shapes STEM.shp` reads."""
import os
import struct
import sys


def pack(stem, out):
    parts = [open(stem + ext, "rb").read() for ext in (".shp", ".shx", ".dbf")]
    cpg = open(stem + ".cpg", "rb").read() if os.path.exists(stem + ".cpg") else b""
    with open(out, "wb") as f:
        f.write(struct.pack("<3I", *map(len, parts)) + b"".join(parts) + cpg)


def unpack(path, stem):
    data = open(path, "rb").read()
    if len(data) < 12:
        sys.exit("unpack: %s: shorter than the 12-byte header" % path)
    lens = struct.unpack("<3I", data[:12])
    pos = 12
    for ext, n in zip((".shp", ".shx", ".dbf"), lens):
        n = min(n, len(data) - pos)  # as fuzz_shapefile.c cuts them
        open(stem + ext, "wb").write(data[pos:pos + n])
        pos += n
    if pos < len(data):
        open(stem + ".cpg", "wb").write(data[pos:])


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in ("pack", "unpack"):
        sys.exit(__doc__)
    (pack if sys.argv[1] == "pack" else unpack)(sys.argv[2], sys.argv[3])
