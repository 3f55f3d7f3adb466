#!/usr/bin/python3
"""One detailed country map of the example sites with cartopy + matplotlib.

usage: cartopy_country.py [--csv CSV] [--fmt png|svg|pdf] [--out PREFIX] [--no-labels]
                          [--country NAME]

../shared/anchor-bench/cartopy_batch.py for one country (default Myanmar) at full size: the
same map as geopandas_country.py / gmt_country.sh (bbox from the NE 10m shapefile padded 5% per
side, common LCC, 2400 x 1800 px, 16 pt title, legend loc="best"). Reads the shapefile with
the pyshp-based BasicReader as cartopy_batch.py does (the Fiona reader's records() crashes on
the null geometry in cartopy 0.21). The shared folder is $ANCHOR_BENCH, default
../../../shared/anchor-bench from this file.
"""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.environ.get("ANCHOR_BENCH")
                or os.path.normpath(os.path.join(HERE, "../../../shared/anchor-bench")))
import cartopy_map as M  # noqa: E402
import cartopy.io.shapereader as shpreader  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--csv", default="/tmp/anchors/sites.csv")
    ap.add_argument("--fmt", default="png", choices=["png", "svg", "pdf"])
    ap.add_argument("--out", default="/tmp/anchors/out/cartopy_country")
    ap.add_argument("--no-labels", action="store_true")
    ap.add_argument("--country", default="Myanmar")
    a = ap.parse_args()

    geoms, bounds = [], None
    for rec in shpreader.BasicReader(M.SHP).records():
        g = rec.geometry
        if g is None or g.is_empty:
            continue
        geoms.append(g)
        if rec.attributes["name"] == a.country:
            bounds = g.bounds
    if bounds is None:
        sys.exit(f"cartopy_country.py: no country named {a.country!r} in {M.SHP}")
    sites = M.read_sites(a.csv)
    x0, y0, x1, y1 = bounds
    dx, dy = (x1 - x0) * 0.05, (y1 - y0) * 0.05
    window = M.fit_window(x0 - dx, x1 + dx, y0 - dy, y1 + dy, aspect=M.W_IN / (M.H_IN - M.BAND_IN))
    fig = plt.figure(figsize=(M.W_IN, M.H_IN), dpi=M.DPI)
    ax = fig.add_axes([0, 0, 1, 1 - M.BAND_IN / M.H_IN], projection=M.LCC)
    M.draw_map(ax, geoms, sites, window, sites[3].max(), M.DPI, labels=not a.no_labels,
               title=f"{a.country}: reported victims by site", legend_loc="best")
    fig.savefig(f"{a.out}.{a.fmt}", dpi=M.DPI)


if __name__ == "__main__":
    main()
