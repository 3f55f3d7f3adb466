#!/usr/bin/python3
"""Density anchor: 1 million points as a hexbin map with geopandas 0.12 + matplotlib 3.6.

usage: geopandas_density.py [--csv CSV] [--out PREFIX]

The example's frame and borders (../shared/anchor-bench/geopandas_map.py: LCC, lon 92..127 E /
lat 4..28 N, Natural Earth 10m countries, 2400 x 1800 px at 300 dpi, title band), the CSV read
with pandas, the points projected with pyproj and counted by matplotlib's hexbin in hexagons
about 4 mm across (50 across the 8 in map), log colour scale on viridis, empty hexagons not
drawn, with a colour bar: hotmap render --mode hexbin's job (bench/compare.sh, job density).
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
import pandas as pd  # noqa: E402
from pyproj import Transformer  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--csv", default="/tmp/anchors/random_1m.csv")
    ap.add_argument("--out", default="/tmp/anchors/out/geopandas_density")
    a = ap.parse_args()

    x0, x1, y0, y1 = M.fit_window(*M.EXTENT, aspect=M.W_IN / (M.H_IN - M.BAND_IN))
    world = gpd.read_file(M.SHP)
    world = world[world.geometry.notna() & ~world.geometry.is_empty].to_crs(M.LCC)
    df = pd.read_csv(a.csv)
    x, y = Transformer.from_crs("EPSG:4326", M.LCC, always_xy=True).transform(
        df["lon"].to_numpy(), df["lat"].to_numpy())
    fig = plt.figure(figsize=(M.W_IN, M.H_IN), dpi=M.DPI)
    ax = fig.add_axes([0, 0, 1, 1 - M.BAND_IN / M.H_IN])
    ax.set_facecolor(M.SEA)
    world.plot(ax=ax, color=M.LAND, edgecolor="none")
    hb = ax.hexbin(x, y, gridsize=50, extent=(x0, x1, y0, y1), mincnt=1, bins="log",
                   cmap="viridis", linewidths=0, zorder=2)
    world.boundary.plot(ax=ax, color=M.BORDER, linewidth=0.4, zorder=3)
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_axis_off()
    cax = fig.add_axes([0.05, 0.08, 0.02, 0.3])
    fig.colorbar(hb, cax=cax, label="points per hexagon")
    fig.suptitle("Points per hexagon", y=1 - 0.25 / M.H_IN, fontsize=14)
    fig.savefig(f"{a.out}.png", dpi=M.DPI)


if __name__ == "__main__":
    main()
