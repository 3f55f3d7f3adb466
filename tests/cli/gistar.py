#!/usr/bin/python3
"""The reference for hotmap --mode hotspot, written from the formula
(Ord and Getis 1995, eq. 4.4; ArcGIS's Hot Spot Analysis), not from
hotmap's code (tests/cli/cases/points_hotspot).

usage: gistar.py MANIFEST.json [--min-hot N] [--min-cold N]
For the manifest's cells (the study area: hexagons with sites and their
neighbours; axial coordinates i, j; values x), with binary weights
w_ij = 1 for j = i and the six hexagons round it:

  Gi* = (sum_j w_ij x_j - xbar sum_j w_ij)
        / (S sqrt((n sum_j w_ij^2 - (sum_j w_ij)^2) / (n - 1)))
  xbar = sum x / n,  S = sqrt(sum x^2 / n - xbar^2)

p = two-sided normal tail; significance at 90/95/99% after the
Benjamini-Hochberg false discovery rate correction; classes -3..3 (cold
99% .. hot 99%) stored as 0..6. Checks every z within 1e-6 (absolute), p
within 1e-9, the three FDR cut-offs and every class, and that at least N
cells are hot (cold). Exit 1 on a mismatch.
"""
import json
import math
import sys


def main():
    import argparse
    ap = argparse.ArgumentParser()
    ap.add_argument('manifest')
    ap.add_argument('--min-hot', type=int, default=0)
    ap.add_argument('--min-cold', type=int, default=0)
    a = ap.parse_args()
    m = json.load(open(a.manifest))
    d = m['density']
    cells = d['cells']
    n = len(cells)
    x = {(c['i'], c['j']): c['value'] for c in cells}
    xbar = sum(x.values()) / n
    S = math.sqrt(sum(v * v for v in x.values()) / n - xbar * xbar)
    ring = [(1, 0), (-1, 0), (0, 1), (0, -1), (1, -1), (-1, 1)]
    bad = []
    ref = []
    for c in cells:
        nb = [(c['i'], c['j'])] + [(c['i'] + a, c['j'] + b) for a, b in ring if (c['i'] + a, c['j'] + b) in x]
        w = len(nb)
        num = sum(x[k] for k in nb) - xbar * w
        den = S * math.sqrt((n * w - w * w) / (n - 1))
        z = num / den if den > 0 else 0.0
        p = math.erfc(abs(z) / math.sqrt(2))
        ref.append((z, p))
        if abs(z - c['z']) > 1e-6 or abs(p - c['p']) > 1e-9 or w != c['neighbours']:
            bad.append('cell %d,%d: z %.9f p %.3g w %d, hotmap z %.9f p %.3g w %d'
                       % (c['i'], c['j'], z, p, w, c['z'], c['p'], c['neighbours']))
    ps = sorted(p for _, p in ref)
    cuts = []
    for alpha in (0.10, 0.05, 0.01):
        cut = 0.0
        for k, p in enumerate(ps):
            if p <= (k + 1) / n * alpha:
                cut = p
        cuts.append(cut)
    for key, cut in zip(('90', '95', '99'), cuts):
        if abs(cut - d['p_cut'][key]) > 1e-12:
            bad.append('FDR cut at %s%%: %g, hotmap %g' % (key, cut, d['p_cut'][key]))
    for c, (z, p) in zip(cells, ref):
        level = sum(1 for cut in cuts if cut > 0 and p <= cut)
        cls = 3 + (level if z > 0 else -level)
        if cls != c['class']:
            bad.append('cell %d,%d: class %d, hotmap %d' % (c['i'], c['j'], cls, c['class']))
    hot = sum(1 for c in cells if c['class'] > 3)
    cold = sum(1 for c in cells if c['class'] < 3)
    if hot < a.min_hot or cold < a.min_cold:
        bad.append('%d hot and %d cold cells, expected at least %d and %d' % (hot, cold, a.min_hot, a.min_cold))
    print('%d cells, xbar %.4f, S %.4f, FDR cuts %s; %d hot, %d cold; largest |z| %.3f'
          % (n, xbar, S, cuts, hot, cold, max(abs(z) for z, _ in ref)))
    for b in bad[:20]:
        print('FAIL:', b)
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
