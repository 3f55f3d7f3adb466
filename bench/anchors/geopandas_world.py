#!/usr/bin/python3
"""World map of the example sites with geopandas 0.12 + matplotlib 3.6 (Debian 12 packages).

usage: geopandas_world.py [--csv CSV] [--fmt png|svg|pdf] [--out PREFIX] [--no-labels]

Same style as ../shared/anchor-bench/geopandas_map.py (whose draw_map, fit_window and circle
scale it uses: area-true circles, largest 60 px, labels right of the circles, title, legend
lower left), but the whole world: Equal Earth (WGS84, lon0 0), window = the projected bbox of
lon -180..180 / lat -90..90 widened to the map area (8 x 5.5 in below a 0.5 in title band),
2400 x 1800 px (8 x 6 in at 300 dpi), Natural Earth 1:110m countries (world-atlas 2.0.2
TopoJSON -> shapefile via ogr2ogr, cut at the antimeridian by cut_antimeridian.py).
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
import pandas as pd  # noqa: E402

SHP = "/tmp/anchors/data/countries_110m.shp"
EQE = "+proj=eqearth +lon_0=0 +datum=WGS84 +units=m +no_defs"
EXTENT = (-180, 180, -90, 90)      # lon0, lon1, lat0, lat1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--csv", default="/tmp/anchors/sites.csv")
    ap.add_argument("--fmt", default="png", choices=["png", "svg", "pdf"])
    ap.add_argument("--out", default="/tmp/anchors/out/geopandas_world")
    ap.add_argument("--no-labels", action="store_true")
    a = ap.parse_args()

    window = M.fit_window(*EXTENT, aspect=M.W_IN / (M.H_IN - M.BAND_IN), crs=EQE)
    world = gpd.read_file(SHP)
    world = world[world.geometry.notna() & ~world.geometry.is_empty].to_crs(EQE)
    df = pd.read_csv(a.csv)
    sites = gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df["lon"], df["lat"]), crs="EPSG:4326")
    sites = sites.to_crs(EQE).sort_values("victims", ascending=False)
    fig = plt.figure(figsize=(M.W_IN, M.H_IN), dpi=M.DPI)
    ax = fig.add_axes([0, 0, 1, 1 - M.BAND_IN / M.H_IN])
    M.draw_map(ax, world, sites, window, sites["victims"].max(), M.DPI, labels=not a.no_labels)
    fig.savefig(f"{a.out}.{a.fmt}", dpi=M.DPI)


if __name__ == "__main__":
    main()
