#!/usr/bin/python3
"""Readability of a map of many points, from its manifest alone, computed
independently of hotmap (tests/cli/cases/points_crowded, points_counted).

usage: crowding.py MANIFEST.json [--max-leader MM] [--max-hidden F]
                                 [--hidden-tol F] [--equal-radii]
  hidden share: 1 - (area of the union of the symbols in the frame) / (sum
    of their areas), by rasterising every disc at 4 samples per pixel side
    (numpy); it must match the manifest's "crowding"."covered" within
    --hidden-tol (default 0.02), and be at most --max-hidden if given;
  every leader (from a symbol's rim to its label's nearest point) at most
    --max-leader mm (default 8);
  no label box on another site's symbol;
  --equal-radii: every symbol has the same radius (sites counted);
  --dorling: every symbol within the manifest's bound of its true position
    (true_x, true_y), the largest displacement as the manifest says, and
    its count of pairs still overlapping the true one.
Prints the figures; exit 1 on a broken rule.
"""
import argparse
import json
import math
import sys

import numpy as np


def in_frame(s, f):
    return (s.get('x') is not None and f['x'] <= s['x'] <= f['x'] + f['width']
            and f['y'] <= s['y'] <= f['y'] + f['height'])


def hidden_share(discs, width, height, ss=4):
    """1 - union / sum of areas, on a grid of ss x ss samples per pixel."""
    depth = np.zeros((int(height * ss) + 1, int(width * ss) + 1), np.int32)
    total = 0.0
    for x, y, r in discs:
        if r <= 0:
            continue
        x0, x1 = max(int((x - r) * ss), 0), min(int((x + r) * ss) + 1, depth.shape[1])
        y0, y1 = max(int((y - r) * ss), 0), min(int((y + r) * ss) + 1, depth.shape[0])
        if x1 <= x0 or y1 <= y0:
            continue
        yy, xx = np.mgrid[y0:y1, x0:x1]
        inside = ((xx + 0.5) / ss - x) ** 2 + ((yy + 0.5) / ss - y) ** 2 < r * r
        depth[y0:y1, x0:x1] += inside
        total += inside.sum()
    return 1 - np.count_nonzero(depth) / total if total else 0.0


def leader_mm(s, dpi):
    lab, x, y, r = s['label'], s['x'], s['y'], s['r']
    tx = max(lab['x'], min(x, lab['x'] + lab['width']))
    ty = max(lab['y'], min(y, lab['y'] + lab['height']))
    return max(0.0, math.hypot(tx - x, ty - y) - r) / dpi * 25.4


def on_symbol(s, others):
    lab = s['label']
    for o in others:
        if o is s or not o.get('r') or o.get('x') is None:
            continue
        cx = max(lab['x'], min(o['x'], lab['x'] + lab['width']))
        cy = max(lab['y'], min(o['y'], lab['y'] + lab['height']))
        if math.hypot(cx - o['x'], cy - o['y']) < o['r'] - 1e-6:
            return o['name']
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('manifest')
    ap.add_argument('--max-leader', type=float, default=8.0)
    ap.add_argument('--max-hidden', type=float)
    ap.add_argument('--hidden-tol', type=float, default=0.02)
    ap.add_argument('--equal-radii', action='store_true')
    ap.add_argument('--dorling', action='store_true')
    a = ap.parse_args()
    m = json.load(open(a.manifest))
    f, dpi, sites = m['frame'], m['dpi'], m['sites']
    shown = [s for s in sites if in_frame(s, f)]
    bad = []
    hidden = hidden_share([(s['x'], s['y'], s['r']) for s in shown], m['width'], m['height'])
    said = m['crowding']['covered']
    print('sites %d in frame %d, r_max %.2f px (style %.2f), hidden %.4f (manifest %.4f)'
          % (len(sites), len(shown), m['r_max'], m['crowding']['r_max_style'], hidden, said))
    if abs(hidden - said) > a.hidden_tol:
        bad.append('hidden share %.4f, the manifest says %.4f' % (hidden, said))
    if a.max_hidden is not None and hidden > a.max_hidden:
        bad.append('hidden share %.4f > %.4f' % (hidden, a.max_hidden))
    labelled = [s for s in sites if s.get('label')]
    longest = max([leader_mm(s, dpi) for s in labelled if s['label'].get('leader')] or [0])
    print('labels %d, longest leader %.2f mm' % (len(labelled), longest))
    if longest > a.max_leader:
        bad.append('a leader of %.2f mm > %.2f' % (longest, a.max_leader))
    for s in labelled:
        o = on_symbol(s, shown)
        if o:
            bad.append('the label of %s lies on the symbol of %s' % (s['name'], o))
    if a.equal_radii:
        radii = {round(s['r'], 6) for s in sites if s.get('r') is not None}
        if len(radii) != 1:
            bad.append('%d different radii, expected one' % len(radii))
    if a.dorling:
        dor = m['dorling']
        drawn = [s for s in shown if s['r'] > 0 and s.get('cluster_of', 0) is not None]
        moved = [math.hypot(s['x'] - s['true_x'], s['y'] - s['true_y']) for s in drawn]
        most = max(moved or [0])
        if most > dor['bound'] + 0.01 or abs(most - dor['max']) > 0.01:
            bad.append('displacement %.3f, bound %.3f, manifest max %.3f'
                       % (most, dor['bound'], dor['max']))
        xy = np.array([(s['x'], s['y'], s['r']) for s in drawn])
        pairs = 0
        for k in range(len(xy) - 1):
            d = np.hypot(xy[k + 1:, 0] - xy[k, 0], xy[k + 1:, 1] - xy[k, 1])
            pairs += int(np.count_nonzero(d < xy[k + 1:, 2] + xy[k, 2]))
        print('dorling: moved at most %.2f px (bound %.2f), %d pairs overlap (manifest %d)'
              % (most, dor['bound'], pairs, dor['overlaps']))
        if pairs != dor['overlaps']:
            bad.append('%d pairs overlap, the manifest says %d' % (pairs, dor['overlaps']))
    for b in bad[:20]:
        print('FAIL:', b)
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
