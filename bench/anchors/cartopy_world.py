#!/usr/bin/python3
"""World map of the example sites with cartopy 0.21 + matplotlib 3.6 (Debian 12 packages).

usage: cartopy_world.py [--csv CSV] [--fmt png|svg|pdf] [--out PREFIX] [--no-labels]

The same map as geopandas_world.py / gmt_world.sh (Equal Earth, whole world, Natural Earth
1:110m cut at the antimeridian, 2400 x 1800 px), drawn by ../shared/anchor-bench/cartopy_map.py's
draw_map and fit_window with its projection (module global LCC) set to Equal Earth. No cartopy
download: land and borders come from the converted shapefile (data_dir is an empty folder).
The shared folder is $ANCHOR_BENCH, default ../../../shared/anchor-bench from this file.
"""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.environ.get("ANCHOR_BENCH")
                or os.path.normpath(os.path.join(HERE, "../../../shared/anchor-bench")))
import cartopy_map as M  # noqa: E402
import cartopy.crs as ccrs  # noqa: E402
import cartopy.io.shapereader as shpreader  # noqa: E402
import matplotlib.path as mpath  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402

SHP = "/tmp/anchors/data/countries_110m.shp"
EXTENT = (-180, 180, -90, 90)
# cartopy_map's draw_map/fit_window project with the module global LCC: make it Equal Earth
M.LCC = ccrs.EqualEarth(central_longitude=0, globe=ccrs.Globe(datum="WGS84", ellipse="WGS84"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--csv", default="/tmp/anchors/sites.csv")
    ap.add_argument("--fmt", default="png", choices=["png", "svg", "pdf"])
    ap.add_argument("--out", default="/tmp/anchors/out/cartopy_world")
    ap.add_argument("--no-labels", action="store_true")
    a = ap.parse_args()

    sites = M.read_sites(a.csv)
    geoms = [g for g in shpreader.Reader(SHP).geometries() if g is not None and not g.is_empty]
    window = M.fit_window(*EXTENT, aspect=M.W_IN / (M.H_IN - M.BAND_IN))
    fig = plt.figure(figsize=(M.W_IN, M.H_IN), dpi=M.DPI)
    ax = fig.add_axes([0, 0, 1, 1 - M.BAND_IN / M.H_IN], projection=M.LCC)
    # GeoAxes.set_extent (called by draw_map) clips the window to the projection's domain,
    # which the widened world window exceeds, and the axes collapse: set the window as axis
    # limits instead; and make the map's outline the axes rectangle, so that the sea fills it
    # as in the other tools' maps (not only the Equal Earth outline)
    ax.set_extent = lambda ext, crs=None: (ax.set_xlim(ext[0], ext[1]), ax.set_ylim(ext[2], ext[3]))
    ax.set_boundary(mpath.Path.unit_rectangle(), transform=ax.transAxes)
    M.draw_map(ax, geoms, sites, window, sites[3].max(), M.DPI, labels=not a.no_labels)
    fig.savefig(f"{a.out}.{a.fmt}", dpi=M.DPI)


if __name__ == "__main__":
    main()
