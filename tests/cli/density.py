#!/usr/bin/python3
"""A density surface (hotmap --mode hexbin|grid) checked from its manifest,
independently of hotmap's binning (tests/cli/cases/points_density).

usage: density.py MANIFEST.json [--max-value V] [--csv FILE [--value COLUMN]]
  --csv: the sites from the CSV, projected here with pyproj to the
    manifest's crs and transform (a density map of compact sites lists no
    sites); otherwise the manifest's sites;
  - every site in the frame lies in a cell: for hexagons, the cell whose
    centre is nearest (the defining property of a hexagonal grid); for
    squares, the cell whose square holds it; adding each site's weight (1
    when counted, else its value) to its cell gives every cell's value (a
    site within 0.01 px of an edge, as the manifest rounds, may be in
    either cell), and no cell holds nothing;
  - the cells' sum is the manifest's total and the weight of the sites in
    the frame;
  - the classes cover every cell: breaks[0] <= value <= breaks[-1] (or the
    top class when --max-value caps it), each cell's class is the one whose
    breaks hold its value; inner breaks are round (1, 2 or 5 x 10^k);
  - one colour and one legend text per class, the colours all different.
Needs numpy (Debian's python3-numpy).
"""
import argparse
import json
import math
import sys

import numpy as np


def sites_from_csv(path, value, m):
    import csv
    import pyproj
    rows = list(csv.DictReader(open(path, encoding='utf-8-sig')))
    head = {k.strip().lower(): k for k in rows[0].keys()}
    lat = next(head[k] for k in ('lat', 'latitude') if k in head)
    lon = next(head[k] for k in ('lon', 'lng', 'long', 'longitude') if k in head)
    val = value or next((head[k] for k in ('value', 'count', 'victims', 'n') if k in head), None)
    tr = pyproj.Transformer.from_crs('EPSG:4326', m['crs'], always_xy=True)
    t = m['transform']
    out = []
    for r in rows:
        x, y = tr.transform(float(r[lon]), float(r[lat]))
        if not (math.isfinite(x) and math.isfinite(y)):
            continue
        out.append({'name': '', 'x': t[0] * x + t[1] * y + t[2], 'y': t[3] * x + t[4] * y + t[5],
                    'value': float(r[val]) if val else 1.0})
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('manifest')
    ap.add_argument('--max-value', type=float)
    ap.add_argument('--csv')
    ap.add_argument('--value')
    a = ap.parse_args()
    m = json.load(open(a.manifest))
    if a.csv:
        m['sites'] = sites_from_csv(a.csv, a.value, m)
    d, f = m['density'], m['frame']
    cells = d['cells']
    bad = []
    counted = m['aggregate'] == 'count'
    cx = np.array([c['x'] for c in cells])
    cy = np.array([c['y'] for c in cells])
    got = np.zeros(len(cells))
    amb = np.zeros(len(cells))  # weight that may be in either of two cells
    weight = 0.0
    w = d['cell_px']
    eps = 0.01  # the manifest's positions have 3 decimals
    for s in m['sites']:
        if s['x'] is None or not (f['x'] <= s['x'] <= f['x'] + f['width']
                                  and f['y'] <= s['y'] <= f['y'] + f['height']):
            continue
        v = 1.0 if counted else s['value']
        weight += v
        if d['mode'] != 'grid':  # hexagons: hexbin, hotspot
            dist = np.hypot(cx - s['x'], cy - s['y'])
            near = np.nonzero(dist <= dist.min() + eps)[0]
            if dist.min() > w / math.sqrt(3) + eps:
                near = []
        else:
            near = np.nonzero((np.abs(cx - s['x']) <= w / 2 + eps) & (np.abs(cy - s['y']) <= w / 2 + eps))[0]
        if len(near) == 0:
            bad.append('site %s (%g, %g) lies in no cell' % (s['name'], s['x'], s['y']))
        elif len(near) == 1:
            got[near[0]] += v
        else:
            amb[near] += v
    want = np.array([c['value'] for c in cells])
    tol = 1e-6 * np.maximum(1, want)
    off = np.nonzero((want < got - tol) | (want > got + amb + tol))[0]
    for k in off[:10]:
        bad.append('cell %d,%d: %g by the sites (and %g on its edges), %g in the manifest'
                   % (cells[k]['i'], cells[k]['j'], got[k], amb[k], want[k]))
    if len(off) > 10:
        bad.append('... %d cells in all' % len(off))
    if abs(want.sum() - d['total']) > 1e-6 * max(1, d['total']) or \
       abs(weight - d['total']) > 1e-6 * max(1, weight):
        bad.append('total: cells %g, manifest %g, sites in the frame %g' % (want.sum(), d['total'], weight))
    if d['mode'] == 'hotspot':  # classes by Gi*: tests/cli/gistar.py
        print('hotspot: %d cells of %.1f px, %g in all' % (len(cells), w, d['total']))
        for b in bad[:20]:
            print('FAIL:', b)
        return 1 if bad else 0
    br = d['breaks']
    n = len(br) - 1
    if len(d['colors']) != n or len(d['legend']) != n or len(set(d['colors'])) != n:
        bad.append('%d classes, %d colours (%d different), %d legend texts'
                   % (n, len(d['colors']), len(set(d['colors'])), len(d['legend'])))
    for b in br[1:-1]:
        e = math.floor(math.log10(b))
        if round(b / 10 ** e, 9) not in (1, 2, 5):
            bad.append('break %g is not round' % b)
    if a.max_value is not None and br[-1] != a.max_value:
        bad.append('top break %g, expected %g' % (br[-1], a.max_value))
    for c in cells:
        v, k = c['value'], c['class']
        top_ok = v <= br[-1] or (a.max_value is not None and k == n - 1)
        if v < br[0] or not top_ok or v < br[k] or (k < n - 1 and v >= br[k + 1]):
            bad.append('cell %d,%d: value %g in class %d of %s' % (c['i'], c['j'], v, k, br))
            break
    print('%s: %d cells of %.1f px, %g in all, breaks %s, legend %s'
          % (d['mode'], len(cells), w, d['total'], br, d['legend']))
    for b in bad[:20]:
        print('FAIL:', b)
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
