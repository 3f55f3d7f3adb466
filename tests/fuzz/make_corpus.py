#!/usr/bin/env python3
"""Regenerate the seed corpora in tests/fuzz/corpus/ from the repo's own
examples, test cases, styles and shipped shapes (docs/fuzzing.md).

    tests/fuzz/make_corpus.py

Seeds are small: CSVs are cut to 40 lines, shapefiles to a few records.
Running it again rewrites the same files; inputs that libFuzzer added by
hand (-merge) are left alone."""
import glob
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
CORPUS = os.path.join(HERE, "corpus")
SEEN = {}


def put(kind, name, data):
    d = os.path.join(CORPUS, kind)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    if data in SEEN.setdefault(kind, set()):
        return  # the same bytes under another name
    SEEN[kind].add(data)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def cut_lines(data, n=40):
    lines = data.split(b"\n")
    return b"\n".join(lines[:n]) + (b"\n" if len(lines) > n else b"")


def rel_name(path):
    return os.path.relpath(path, ROOT).replace("/", "_").replace("tests_cli_cases_", "")


# --- CSV (fuzz_csv, fuzz_render) -------------------------------------------
CSV_HAND = {
    "hand_minimal.csv": "name,lat,lon,value\nA,1,2,3\n",
    "hand_semicolon_decimal_comma.csv": "name;lat;lon;value\nA;16,5;98,2;1 000\nB;13,6;102,5;2,5\n",
    "hand_crlf_bom.csv": "\ufeffName,Latitude,Longitude,Count\r\nA,10,100,5\r\n\"B, quoted\",11,101,\"2,198\"\r\n",
    "hand_label_category.csv": "name,lat,lon,value,label,category,country\n"
    "A,16.6,98.5,10,\u1019\u103c\u101d\u1010\u102e,red,Myanmar\nB,13.6,102.5,5,Poipet,blue,KHM\n",
    "hand_antimeridian.csv": "name,lat,lon,value\nSuva,-18.1,178.4,5\nApia,-13.8,-171.8,3\n",
    "hand_quotes_newline.csv": "name,lat,lon,value\n\"multi\nline \"\"name\"\"\",1,2,3\n,,,\n",
    "hand_tab.csv": "name\tlat\tlon\tvalue\nA\t-89.9\t-179.9\t0\nB\t89.9\t179.9\t1e300\n",
    "hand_markup.csv": "name,lat,lon,value\n<b>&amp;</b>,48.85,2.35,10\n\u202eevil\u202c,41.9,12.5,4\n",
}
csv_files = [os.path.join(ROOT, "examples", "sites.csv")]
for ext in ("csv", "tsv"):
    csv_files += glob.glob(os.path.join(ROOT, "tests", "cli", "cases", "*", "*." + ext))
for path in sorted(set(csv_files)):
    with open(path, "rb") as f:
        data = cut_lines(f.read())
    put("csv", rel_name(path), data)
    put("render", rel_name(path), data)
for name, text in CSV_HAND.items():
    put("csv", name, text)
    put("render", name, text)

# --- styles and specs (INI) --------------------------------------------------
for path in sorted(glob.glob(os.path.join(ROOT, "styles", "*.ini"))):
    with open(path, "rb") as f:
        put("style", rel_name(path), f.read())
put("style", "hand_layer.ini",
    "[symbols]\nfill = #ff000080\n[layer rivers]\nfile = rivers.shp\nstroke = #0000ff\n"
    "width = 0.5pt\nabove-borders = yes\n")
put("style", "hand_categories.ini",
    "[symbols]\ncategories = #e41a1c, #377eb8, red, none, #abc\nscaling = flannery\n"
    "[text]\nfont = Noto Sans\ncountry-spacing = 0.12em\n[scalebar]\nshow = on\nunits = km+mi\n"
    "[graticule]\nshow = yes\nstep = 7.5\n[north-arrow]\nshow = auto\n")

for path in sorted(glob.glob(os.path.join(ROOT, "examples", "*.ini"))):
    with open(path, "rb") as f:
        put("spec", rel_name(path), f.read())
put("spec", "hand_one_map.ini",
    "[map a]\nsites = a.csv\noutput = a.png, a.svg\nsize = 800x600\ndpi = 100\n"
    "extent = 170,-50,-170,10\ncrs = auto\n")
put("spec", "hand_batch.ini",
    "[batch b]\nsites = /abs/b.csv\nout-dir = out\nformat = png\njobs = 2\n")

# --- shapefiles (fuzz_shapefile) ----------------------------------------------
def read_shapefile(stem):
    shp = open(stem + ".shp", "rb").read()
    shx = open(stem + ".shx", "rb").read()
    dbf = open(stem + ".dbf", "rb").read()
    n = (len(shx) - 100) // 8
    recs = []
    for i in range(n):
        off, clen = struct.unpack(">ii", shx[100 + 8 * i:108 + 8 * i])
        recs.append(shp[off * 2 + 8:off * 2 + 8 + clen * 2])
    nrec, hlen, rlen = struct.unpack("<IHH", dbf[4:12])
    rows = [dbf[hlen + i * rlen:hlen + (i + 1) * rlen] for i in range(nrec)]
    return shp[:100], recs, dbf[:hlen], rows


def write_shapefile(shp_hdr, recs, dbf_hdr, rows):
    body = b""
    index = b""
    off = 50
    boxes = []
    for i, r in enumerate(recs):
        index += struct.pack(">ii", off, len(r) // 2)
        body += struct.pack(">ii", i + 1, len(r) // 2) + r
        off += 4 + len(r) // 2
        if len(r) >= 36 and struct.unpack("<i", r[:4])[0] != 0:
            boxes.append(struct.unpack("<4d", r[4:36]))
    box = (min(b[0] for b in boxes), min(b[1] for b in boxes),
           max(b[2] for b in boxes), max(b[3] for b in boxes)) if boxes else (0, 0, 0, 0)

    def header(length_words):
        h = bytearray(shp_hdr)
        h[24:28] = struct.pack(">i", length_words)
        h[36:68] = struct.pack("<4d", *box)
        return bytes(h)

    shp = header(50 + len(body) // 2) + body
    shx = header(50 + len(index) // 2) + index
    d = bytearray(dbf_hdr)
    d[4:8] = struct.pack("<I", len(rows))
    dbf = bytes(d) + b"".join(rows) + b"\x1a"
    return shp, shx, dbf


def pack(shp, shx, dbf, cpg=b""):
    return struct.pack("<3I", len(shp), len(shx), len(dbf)) + shp + shx + dbf + cpg


stem = os.path.join(ROOT, "shapes", "countries_110m")
hdr, recs, dhdr, rows = read_shapefile(stem)
by_size = sorted(range(len(recs)), key=lambda i: len(recs[i]))
names = [rows[i][1:33].decode("latin-1").strip() for i in range(len(rows))]


def pick(*wanted):
    return [names.index(w) for w in wanted if w in names]


sets = {
    "smallest3": by_size[:3],
    "smallest1_utf8": by_size[:1],
    "france_spain": pick("France", "Spain"),
    "fiji_antimeridian": pick("Fiji"),
    "thailand_myanmar_cambodia": pick("Thailand", "Myanmar", "Cambodia"),
}
for name, idx in sets.items():
    shp, shx, dbf = write_shapefile(hdr, [recs[i] for i in idx], dhdr, [rows[i] for i in idx])
    put("shapefile", "ne110m_" + name, pack(shp, shx, dbf, b"UTF-8" if "utf8" in name else b""))
# degenerate but well-formed: no records; a null shape; a hole-less square
shp, shx, dbf = write_shapefile(hdr, [], dhdr, [])
put("shapefile", "empty", pack(shp, shx, dbf))
null = struct.pack("<i", 0)
shp, shx, dbf = write_shapefile(hdr, [null], dhdr, [rows[by_size[0]]])
put("shapefile", "null_shape", pack(shp, shx, dbf))
ring = [(0, 0), (0, 10), (10, 10), (10, 0), (0, 0)]
sq = struct.pack("<i4dii", 5, 0, 0, 10, 10, 1, len(ring)) + struct.pack("<i", 0) + \
    b"".join(struct.pack("<2d", *p) for p in ring)
shp, shx, dbf = write_shapefile(hdr, [sq], dhdr, [rows[by_size[0]]])
put("shapefile", "square", pack(shp, shx, dbf, b"CP1252"))
print("corpora written to", os.path.relpath(CORPUS, os.getcwd()), file=sys.stderr)
