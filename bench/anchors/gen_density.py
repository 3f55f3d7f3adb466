#!/usr/bin/python3
"""The density job's CSV: N points (default 1,000,000) over the example's box (lon 92..127 E,
lat 4..28 N): half round the example's eight sites (normal, 0.6 degrees), half spread evenly;
numpy's default generator with seed 15, columns lat,lon (5 decimals, about 20 MB).

usage: gen_density.py OUT.csv [N]"""
import sys

import numpy as np

SITES = [(16.6881, 98.5084), (16.5633, 98.5720), (16.8370, 98.5260), (13.6595, 102.5636),
         (10.6093, 103.5296), (20.3575, 100.0853), (15.1860, 120.5470), (11.0640, 106.1480)]


def main():
    out, n = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1000000
    rng = np.random.default_rng(15)
    k = n // 2
    c = np.array(SITES)[rng.integers(0, len(SITES), k)]
    lat = np.concatenate([c[:, 0] + rng.normal(0, 0.6, k), rng.uniform(4, 28, n - k)])
    lon = np.concatenate([c[:, 1] + rng.normal(0, 0.6, k), rng.uniform(92, 127, n - k)])
    keep = (lat > 4) & (lat < 28) & (lon > 92) & (lon < 127)
    lat, lon = lat[keep], lon[keep]
    with open(out, "w") as f:
        f.write("lat,lon\n")
        np.savetxt(f, np.column_stack([lat, lon]), fmt="%.5f", delimiter=",")


if __name__ == "__main__":
    main()
