#!/usr/bin/env python3
"""Check a hotmap manifest (and its PNG) against an independent transform.

usage: check_manifest.py MANIFEST [options]

  --csv FILE          the (comma-separated, UTF-8) CSV rendered: the sites
                      must be its rows, in order, with the same lon, lat and
                      value (columns found as hotmap finds them by default)
  --max-value V       the value drawn at r_max must be V (default: the
                      largest site value)
  --in-frame          every site's centre must lie inside the frame
  --png FILE          the PNG of the same map (needs --pngprobe)
  --pngprobe BIN      tests/tools/pngprobe
  --probe-min-r PX    (with --png) probe only the centres of symbols of
                      radius PX or more (default 0: all; a disc of a pixel
                      or so is all outline)
  --size W H          the PNG (and the manifest) must be W x H pixels
  --sea LON LAT       a point of open sea: its pixel must be sea-coloured
                      (blue-ish: B > R); must lie in the frame
  --labels            the cartographic label rules too: every placed site
                      label and country label inside the frame, no site
                      label on the legend box, the scale bar box, an inset
                      panel or a country label, no country label on a
                      symbol; in each inset, labels inside its frame, on
                      no other label and no symbol of the inset
  --furniture         no symbol centre under the legend box, the scale bar
                      box or an inset panel (a reader must see every site)
  --min-labels N      at least N site labels placed
  --all-labelled      every site has a placed label (the others are named)
  --leaders           leader lines (drawn, as the renderer does, from the
                      symbol's rim towards the nearest point of its label
                      box) pass over no other symbol's centre (within 2 px)
                      and through no other placed label
  --label-column COL  (with --csv) each placed label's text is the CSV's
                      column COL, byte for byte (UTF-8)
  --legend-tol PX     tolerance of the legend radii (default 1 px)
  --scalebar          the scale bar is true at the frame centre: a
                      horizontal segment of its length in px, centred on
                      the frame, inverse-projected with cs2cs, measures
                      km (and mi) on the WGS84 ellipsoid (PROJ's geod)
                      within 1%

Checks (the quality bars of DESIGN.md):
  * each site's (x, y) is within 0.5 px of transform(cs2cs(lon, lat)), with
    PROJ's cs2cs from "+proj=longlat +datum=WGS84 +type=crs" to the
    manifest's crs;
  * each r is within 1 px of r_max * (value / max_value)^e, e = 0.5, or
    0.5716 when the manifest's "scaling" is "flannery", and so are the
    legend radii; legend values are round and largest first;
  * placed labels do not overlap each other or any symbol;
  * in the PNG, each site's centre pixel is symbol-coloured (R > G + 40 and
    R > B + 40).
Exit 0 when every check passes, 1 otherwise (each failure printed).
Python standard library only, plus cs2cs and geod (Debian: proj-bin).
"""
import argparse
import csv
import json
import math
import shutil
import subprocess
import sys

POS_TOL = 0.5  # px
R_TOL = 1.0  # px
EXPONENT = {"area": 0.5, "flannery": 0.5716}
SCALEBAR_TOL = 0.01  # relative

failures = []
checks = 0


def check(ok, msg):
    global checks
    checks += 1
    if not ok:
        failures.append(msg)
    return ok


def cs2cs(crs, points):
    """Project (lon, lat) pairs to the CRS with PROJ's cs2cs."""
    exe = shutil.which("cs2cs")
    if not exe:
        sys.exit("check_manifest: cs2cs not found (Debian package proj-bin)")
    cmd = [exe, "-f", "%.6f", "+proj=longlat", "+datum=WGS84", "+type=crs",
           "+to", crs]
    text = "".join("%.10f %.10f\n" % p for p in points)
    res = subprocess.run(cmd, input=text, capture_output=True, text=True,
                         check=False)
    if res.returncode != 0:
        sys.exit("check_manifest: cs2cs failed (%d): %s"
                 % (res.returncode, res.stderr.strip()))
    out = []
    lines = res.stdout.splitlines()
    if len(lines) != len(points):
        sys.exit("check_manifest: cs2cs gave %d lines for %d points:\n%s%s"
                 % (len(lines), len(points), res.stdout, res.stderr))
    for line, p in zip(lines, points):
        f = line.split()
        try:
            e, n = float(f[0]), float(f[1])
        except (ValueError, IndexError):
            e = n = float("nan")
        if not (math.isfinite(e) and math.isfinite(n)):
            sys.exit("check_manifest: cs2cs cannot project %r to %s: %r"
                     % (p, crs, line))
        out.append((e, n))
    return out


def cs2cs_inv(crs, points):
    """Unproject (E, N) pairs of the CRS to (lon, lat) with PROJ's cs2cs."""
    exe = shutil.which("cs2cs")
    if not exe:
        sys.exit("check_manifest: cs2cs not found (Debian package proj-bin)")
    cmd = [exe, "-f", "%.10f", crs, "+to", "+proj=longlat", "+datum=WGS84",
           "+type=crs"]
    text = "".join("%.6f %.6f\n" % p for p in points)
    res = subprocess.run(cmd, input=text, capture_output=True, text=True,
                         check=False)
    if res.returncode != 0:
        sys.exit("check_manifest: cs2cs failed (%d): %s"
                 % (res.returncode, res.stderr.strip()))
    out = []
    for line in res.stdout.splitlines():
        f = line.split()
        out.append((float(f[0]), float(f[1])))
    if len(out) != len(points):
        sys.exit("check_manifest: cs2cs gave %d lines for %d points"
                 % (len(out), len(points)))
    return out


def to_px(t, en):
    e, n = en
    return (t[0] * e + t[1] * n + t[2], t[3] * e + t[4] * n + t[5])


def probe(pngprobe, png, pixels):
    args = [pngprobe, png]
    for x, y in pixels:
        args += [str(int(math.floor(x))), str(int(math.floor(y)))]
    res = subprocess.run(args, capture_output=True, text=True, check=False)
    if res.returncode != 0:
        sys.exit("check_manifest: pngprobe failed: %s" % res.stderr.strip())
    lines = res.stdout.splitlines()
    size = tuple(int(v) for v in lines[0].split())
    rgb = [tuple(int(v) for v in l.split()) for l in lines[1:]]
    return size, rgb


def is_round(v):
    """At most two significant digits (1, 2, 2.5, 5, 10, 20, 25, 50, ...)."""
    if v <= 0 or not math.isfinite(v):
        return False
    k = math.floor(math.log10(v)) - 1
    m = v / 10 ** k
    return abs(m - round(m)) < 1e-6


def rects_overlap(a, b, tol=0.5):
    return (a["x"] + tol < b["x"] + b["width"] and
            b["x"] + tol < a["x"] + a["width"] and
            a["y"] + tol < b["y"] + b["height"] and
            b["y"] + tol < a["y"] + a["height"])


def circle_meets_rect(cx, cy, r, b, tol=0.5):
    nx = min(max(cx, b["x"]), b["x"] + b["width"])
    ny = min(max(cy, b["y"]), b["y"] + b["height"])
    return math.hypot(cx - nx, cy - ny) + tol < r


def utf8_hex(text):
    if text is None:
        return "none"
    return text.encode("utf-8").hex(" ")


def in_rect(b, fr, tol=0.5):
    return (b["x"] >= fr["x"] - tol and b["y"] >= fr["y"] - tol and
            b["x"] + b["width"] <= fr["x"] + fr["width"] + tol and
            b["y"] + b["height"] <= fr["y"] + fr["height"] + tol)


def read_csv(path, label_column=None):
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    head = [h.strip().lower() for h in rows[0]]

    def col(*names):
        for n in names:
            if n in head:
                return head.index(n)
        sys.exit("check_manifest: %s: no column among %s" % (path, names))
    ci = {"name": col("name", "site", "place"),
          "lat": col("lat", "latitude"),
          "lon": col("lon", "lng", "long", "longitude"),
          "value": col("value", "count", "victims", "n")}
    if label_column:
        ci["label"] = col(label_column.strip().lower())
    return [{k: r[i] for k, i in ci.items()} for r in rows[1:] if r]


def furniture_boxes(m):
    """(what, box) of the legend, the scale bar and each inset panel."""
    out = []
    if m.get("legend_box"):
        out.append(("the legend box", m["legend_box"]))
    if m.get("scalebar"):
        out.append(("the scale bar box", m["scalebar"]["box"]))
    for i, ins in enumerate(m.get("insets") or []):
        out.append(("inset %d (%s)" % (i + 1, ins.get("kind")), ins["frame"]))
    return out


def check_label_rules(m, sites, fr):
    """--labels: frame, legend, scale bar, insets and country labels."""
    furniture = furniture_boxes(m)
    clabels = m.get("country_labels", [])
    for s in sites:
        b = s.get("label")
        if not b:
            continue
        check(b["width"] > 0 and b["height"] > 0,
              "label of %r has an empty box %r" % (s["name"], b))
        check(in_rect(b, fr), "label of %r (%r) is not inside the frame %r"
              % (s["name"], b, fr))
        for what, box in furniture:
            check(not rects_overlap(b, box), "label of %r (%r) overlaps %s %r"
                  % (s["name"], b, what, box))
        for c in clabels:
            check(not rects_overlap(b, c), "label of %r overlaps the country "
                  "label %r" % (s["name"], c["name"]))
    for c in clabels:
        check(in_rect(c, fr), "country label %r (%r) is not inside the "
              "frame %r" % (c["name"], c, fr))
        for s in sites:
            check(not circle_meets_rect(s["x"], s["y"], s["r"], c),
                  "country label %r overlaps the symbol of %r"
                  % (c["name"], s["name"]))
        for what, box in furniture:
            check(not rects_overlap(c, box), "country label %r overlaps %s"
                  % (c["name"], what))
    for i, ins in enumerate(m.get("insets") or []):
        ifr = ins["frame"]
        isites = ins.get("sites") or []
        lab = [(s["name"], s["label"]) for s in isites if s.get("label")]
        for k, (n, b) in enumerate(lab):
            check(in_rect(b, ifr), "inset %d: label of %r (%r) is not inside "
                  "its frame %r" % (i + 1, n, b, ifr))
            for n2, b2 in lab[k + 1:]:
                check(not rects_overlap(b, b2), "inset %d: labels of %r and %r "
                      "overlap" % (i + 1, n, n2))
            for s in isites:
                check(not circle_meets_rect(s["x"], s["y"], s["r"], b),
                      "inset %d: label of %r overlaps the symbol of %r"
                      % (i + 1, n, s["name"]))


def leader_segment(s):
    """The leader of site s as src/render.c draws it, or None."""
    b = s["label"]
    tx = max(b["x"], min(s["x"], b["x"] + b["width"]))
    ty = max(b["y"], min(s["y"], b["y"] + b["height"]))
    dx, dy = tx - s["x"], ty - s["y"]
    d = math.hypot(dx, dy)
    if d <= s["r"]:
        return None
    return (s["x"] + dx / d * s["r"], s["y"] + dy / d * s["r"], tx, ty)


def point_segment_dist(px, py, seg):
    x0, y0, x1, y1 = seg
    vx, vy = x1 - x0, y1 - y0
    ll = vx * vx + vy * vy
    u = 0.0 if ll == 0 else max(0.0, min(1.0, ((px - x0) * vx +
                                               (py - y0) * vy) / ll))
    return math.hypot(x0 + u * vx - px, y0 + u * vy - py)


def segment_enters_rect(seg, b, tol=0.5):
    """Liang-Barsky: does the segment pass through the rect shrunk by tol?"""
    x0, y0, x1, y1 = seg
    dx, dy = x1 - x0, y1 - y0
    lo, hi = 0.0, 1.0
    for p, q in ((-dx, x0 - (b["x"] + tol)),
                 (dx, (b["x"] + b["width"] - tol) - x0),
                 (-dy, y0 - (b["y"] + tol)),
                 (dy, (b["y"] + b["height"] - tol) - y0)):
        if p == 0:
            if q < 0:
                return False
            continue
        r = q / p
        if p < 0:
            lo = max(lo, r)
        else:
            hi = min(hi, r)
        if lo > hi:
            return False
    return True


def check_leaders(sites):
    """--leaders: a leader line obscures no other symbol's centre and
    crosses no other label."""
    placed = [s for s in sites if s.get("label")]
    for s in placed:
        if not s["label"].get("leader"):
            continue
        seg = leader_segment(s)
        if seg is None:
            continue
        for o in sites:
            if o is s:
                continue
            d = point_segment_dist(o["x"], o["y"], seg)
            check(d > 2.0, "the leader of %r (%.1f, %.1f)-(%.1f, %.1f) passes "
                  "%.1f px from the centre of %r's symbol"
                  % ((s["name"],) + seg + (d, o["name"])))
        for o in placed:
            if o is not s:
                check(not segment_enters_rect(seg, o["label"]),
                      "the leader of %r crosses the label of %r"
                      % (s["name"], o["name"]))


def geod_inv(pairs):
    """WGS84 geodesic distances (m) with PROJ's geod, for ((lon1, lat1),
    (lon2, lat2)) pairs."""
    exe = shutil.which("geod")
    if not exe:
        sys.exit("check_manifest: geod not found (Debian package proj-bin)")
    text = "".join("%.10f %.10f %.10f %.10f\n" % (p[0][1], p[0][0], p[1][1],
                                                   p[1][0]) for p in pairs)
    res = subprocess.run([exe, "+ellps=WGS84", "-I", "+units=m", "-f",
                          "%.6f"], input=text, capture_output=True,
                         text=True, check=False)
    if res.returncode != 0:
        sys.exit("check_manifest: geod failed: %s" % res.stderr.strip())
    return [float(l.split()[2]) for l in res.stdout.splitlines()]


def check_scalebar(m, t, fr):
    """--scalebar: the bar's length at the frame centre, measured by PROJ."""
    sb = m.get("scalebar")
    if not check(sb is not None, "no scale bar in the manifest"):
        return
    det = t[0] * t[4] - t[1] * t[3]
    if not check(det != 0, "the transform is singular"):
        return

    def inv(px, py):
        x, y = px - t[2], py - t[5]
        return ((t[4] * x - t[1] * y) / det, (-t[3] * x + t[0] * y) / det)

    cx, cy = fr["x"] + fr["width"] / 2, fr["y"] + fr["height"] / 2
    bars = [(sb["km"], sb["km_px"], 1000.0, "km")]
    if sb.get("mi"):
        bars.append((sb["mi"], sb["mi_px"], 1609.344, "mi"))
    check(sb["km"] > 0 or sb.get("mi", 0) > 0, "the scale bar has no length")
    for length, lpx, unit, name in bars:
        if length <= 0:
            continue
        check(lpx > 0, "scale bar: %g %s is %r px" % (length, name, lpx))
        ends = [inv(cx - lpx / 2, cy), inv(cx + lpx / 2, cy)]
        ll = cs2cs_inv(m["crs"], ends)
        d = geod_inv([ll])[0]
        want = length * unit
        check(abs(d - want) <= SCALEBAR_TOL * want,
              "scale bar: %g %s is drawn %.3f px long; %.3f px across the "
              "frame centre measure %.1f m on the ellipsoid, not %.1f m "
              "(%+.2f%%; max 1%%)"
              % (length, name, lpx, lpx, d, want, 100.0 * (d - want) / want))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("manifest")
    ap.add_argument("--csv")
    ap.add_argument("--max-value", type=float)
    ap.add_argument("--in-frame", action="store_true")
    ap.add_argument("--png")
    ap.add_argument("--pngprobe")
    ap.add_argument("--size", nargs=2, type=int)
    ap.add_argument("--sea", nargs=2, type=float)
    ap.add_argument("--probe-min-r", type=float, default=0.0)
    ap.add_argument("--labels", action="store_true")
    ap.add_argument("--min-labels", type=int)
    ap.add_argument("--all-labelled", action="store_true")
    ap.add_argument("--label-column")
    ap.add_argument("--leaders", action="store_true")
    ap.add_argument("--furniture", action="store_true")
    ap.add_argument("--legend-tol", type=float, default=R_TOL)
    ap.add_argument("--scalebar", action="store_true")
    a = ap.parse_args()

    with open(a.manifest, encoding="utf-8") as f:
        m = json.load(f)
    for key in ("crs", "transform", "frame", "sites", "legend", "max_value",
                "r_max"):
        if key not in m:
            sys.exit("check_manifest: %s has no key %r" % (a.manifest, key))
    t = m["transform"]
    check(len(t) == 6, "transform has %d numbers, not 6" % len(t))
    sites = m["sites"]
    fr = m["frame"]
    check(len(sites) > 0, "no sites in the manifest")

    if a.label_column and not a.csv:
        sys.exit("check_manifest: --label-column needs --csv")
    if a.csv:
        rows = read_csv(a.csv, a.label_column)
        check(len(rows) == len(sites), "the CSV has %d rows, the manifest %d "
              "sites" % (len(rows), len(sites)))
        for row, s in zip(rows, sites):
            check(row["name"] == s["name"], "site %r: name in the CSV is %r"
                  % (s["name"], row["name"]))
            for k in ("lon", "lat", "value"):
                check(abs(float(row[k]) - s[k]) < 1e-9,
                      "site %r: %s is %r in the CSV, %r in the manifest"
                      % (s["name"], k, row[k], s[k]))
            if a.label_column and s.get("label"):
                got = s["label"].get("text")
                check(got == row["label"],
                      "site %r: label text %r (%s), the CSV's %s is %r (%s)"
                      % (s["name"], got, utf8_hex(got), a.label_column,
                         row["label"], utf8_hex(row["label"])))

    if a.size:
        w, h = a.size
        check((m.get("width"), m.get("height")) == (w, h),
              "manifest size is %sx%s, expected %dx%d"
              % (m.get("width"), m.get("height"), w, h))

    # Positions: manifest vs transform(cs2cs(lon, lat)).
    pts = [(s["lon"], s["lat"]) for s in sites]
    if a.sea:
        pts.append(tuple(a.sea))
    en = cs2cs(m["crs"], pts)
    px = [to_px(t, p) for p in en]
    for s, (x, y) in zip(sites, px):
        d = math.hypot(s["x"] - x, s["y"] - y)
        check(d <= POS_TOL,
              "site %r (lon %g, lat %g): manifest (x, y) = (%.3f, %.3f), "
              "PROJ says (%.3f, %.3f): %.3f px apart (max %.1f)"
              % (s["name"], s["lon"], s["lat"], s["x"], s["y"], x, y, d,
                 POS_TOL))
        if a.in_frame:
            check(fr["x"] <= s["x"] <= fr["x"] + fr["width"] and
                  fr["y"] <= s["y"] <= fr["y"] + fr["height"],
                  "site %r at (%.1f, %.1f) is outside the frame %r"
                  % (s["name"], s["x"], s["y"], fr))

    # Radii: area-true circles on one scale.
    vmax = m["max_value"]
    rmax = m["r_max"]
    want_vmax = a.max_value if a.max_value is not None else \
        max(s["value"] for s in sites)
    check(abs(vmax - want_vmax) < 1e-9 * max(1.0, want_vmax),
          "max_value is %r, expected %r" % (vmax, want_vmax))
    check(rmax > 0, "r_max is %r" % rmax)
    scaling = m.get("scaling", "area")
    check(scaling in ("area", "flannery"), "unknown scaling %r" % scaling)
    expo = EXPONENT.get(scaling, 0.5)
    for s in sites:
        want = rmax * (s["value"] / vmax) ** expo
        check(abs(s["r"] - want) <= R_TOL,
              "site %r (value %g): r = %.3f, expected r_max*(v/max)^%g = "
              "%.3f" % (s["name"], s["value"], s["r"], expo, want))
    leg = m["legend"]
    vals, radii = leg.get("values", []), leg.get("radii", [])
    check(len(vals) >= 1 and len(vals) == len(radii),
          "legend has %d values and %d radii" % (len(vals), len(radii)))
    for v, r in zip(vals, radii):
        want = rmax * (v / vmax) ** expo
        check(abs(r - want) <= a.legend_tol,
              "legend value %g: r = %.3f, expected %.3f (tolerance %g px)"
              % (v, r, want, a.legend_tol))
        check(is_round(v), "legend value %g is not round" % v)
    check(vals == sorted(vals, reverse=True),
          "legend values are not largest first: %r" % vals)

    # Labels: none overlaps another label or any symbol.
    boxes = [(s["name"], s["label"]) for s in sites if s.get("label")]
    for i, (ni, bi) in enumerate(boxes):
        for nj, bj in boxes[i + 1:]:
            check(not rects_overlap(bi, bj),
                  "labels of %r and %r overlap" % (ni, nj))
        for s in sites:
            check(not circle_meets_rect(s["x"], s["y"], s["r"], bi),
                  "label of %r overlaps the symbol of %r" % (ni, s["name"]))

    if a.labels:
        check_label_rules(m, sites, fr)
    placed = [s for s in sites if s.get("label")]
    if a.min_labels is not None:
        check(len(placed) >= a.min_labels,
              "%d site labels placed, expected at least %d"
              % (len(placed), a.min_labels))
    if a.all_labelled:
        left = [s["name"] for s in sites if not s.get("label")]
        check(not left, "%d of %d site labels left out: %s"
              % (len(left), len(sites), ", ".join(repr(n) for n in left)))
    if a.scalebar:
        check_scalebar(m, t, fr)
    if a.leaders:
        check_leaders(sites)
    if a.furniture:
        for what, box in furniture_boxes(m):
            for s in sites:
                inside = (box["x"] < s["x"] < box["x"] + box["width"] and
                          box["y"] < s["y"] < box["y"] + box["height"])
                check(not inside, "the symbol of %r (%.1f, %.1f) is under %s %r"
                      % (s["name"], s["x"], s["y"], what, box))

    # The PNG: size, symbol colour at each centre, sea colour at sea.
    if a.png:
        if not a.pngprobe:
            sys.exit("check_manifest: --png needs --pngprobe")
        pixels = [(s["x"], s["y"]) for s in sites]
        if a.sea:
            sx, sy = px[-1]
            check(fr["x"] <= sx <= fr["x"] + fr["width"] and
                  fr["y"] <= sy <= fr["y"] + fr["height"],
                  "the sea point %r projects to (%.1f, %.1f), outside the "
                  "frame %r" % (a.sea, sx, sy, fr))
            pixels.append((sx, sy))
        size, rgb = probe(a.pngprobe, a.png, pixels)
        if a.size:
            check(size == tuple(a.size), "%s is %dx%d, expected %dx%d"
                  % (a.png, size[0], size[1], a.size[0], a.size[1]))
        check(size == (m.get("width"), m.get("height")),
              "%s is %dx%d but the manifest says %sx%s"
              % (a.png, size[0], size[1], m.get("width"), m.get("height")))
        for s, (r, g, b) in zip(sites, rgb):
            if s["r"] < a.probe_min_r:
                continue
            check(r > g + 40 and r > b + 40,
                  "site %r: pixel (%d, %d) is RGB (%d, %d, %d), not "
                  "symbol-coloured (R > G+40, R > B+40)"
                  % (s["name"], s["x"], s["y"], r, g, b))
        if a.sea:
            r, g, b = rgb[-1]
            check(b > r, "sea point %r: pixel (%d, %d) is RGB (%d, %d, %d), "
                  "not sea-coloured (B > R)" % (a.sea, px[-1][0], px[-1][1],
                                                r, g, b))

    for f in failures:
        print("check_manifest: FAIL: " + f)
    print("check_manifest: %d checks, %d failed (%s)"
          % (checks, len(failures), a.manifest))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
