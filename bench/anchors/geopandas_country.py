#!/usr/bin/python3
"""One detailed country map of the example sites with geopandas + matplotlib.

usage: geopandas_country.py [--csv CSV] [--fmt png|svg|pdf] [--out PREFIX] [--no-labels]
                            [--country NAME]

../shared/anchor-bench/geopandas_batch.py for one country (default Myanmar) at full size:
extent = the country's bbox in Natural Earth 10m padded by 5% of its width/height on every
side, projected to the common LCC and widened to the map area; 8 x 6 in at 300 dpi =
2400 x 1800 px with a 0.5 in title band, 16 pt title "NAME: reported victims by site", circle
scale of the whole CSV (largest 60 px), legend placed by loc="best". Draws the countries
within 5 degrees of the padded bbox (as geopandas_map.load_world).
The shared folder is $ANCHOR_BENCH, default ../../../shared/anchor-bench from this file.
"""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.environ.get("ANCHOR_BENCH")
                or os.path.normpath(os.path.join(HERE, "../../../shared/anchor-bench")))
import geopandas_map as M  # noqa: E402
import geopandas as gpd  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--csv", default="/tmp/anchors/sites.csv")
    ap.add_argument("--fmt", default="png", choices=["png", "svg", "pdf"])
    ap.add_argument("--out", default="/tmp/anchors/out/geopandas_country")
    ap.add_argument("--no-labels", action="store_true")
    ap.add_argument("--country", default="Myanmar")
    a = ap.parse_args()

    world = gpd.read_file(M.SHP)
    world = world[world.geometry.notna() & ~world.geometry.is_empty]
    sel = world.loc[world["name"] == a.country]
    if sel.empty:
        sys.exit(f"geopandas_country.py: no country named {a.country!r} in {M.SHP}")
    x0, y0, x1, y1 = sel.total_bounds
    dx, dy = (x1 - x0) * 0.05, (y1 - y0) * 0.05
    x0, x1, y0, y1 = x0 - dx, x1 + dx, y0 - dy, y1 + dy
    window = M.fit_window(x0, x1, y0, y1, aspect=M.W_IN / (M.H_IN - M.BAND_IN))
    view = world.cx[x0 - 5:x1 + 5, y0 - 5:y1 + 5].to_crs(M.LCC)
    sites = M.load_sites(a.csv)
    fig = plt.figure(figsize=(M.W_IN, M.H_IN), dpi=M.DPI)
    ax = fig.add_axes([0, 0, 1, 1 - M.BAND_IN / M.H_IN])
    M.draw_map(ax, view, sites, window, sites["victims"].max(), M.DPI, labels=not a.no_labels,
               title=f"{a.country}: reported victims by site", legend_loc="best")
    fig.savefig(f"{a.out}.{a.fmt}", dpi=M.DPI)


if __name__ == "__main__":
    main()
